namespace StreamPortal.Search;

/// <summary>A term taken literally in a LIKE pattern with <c>ESCAPE '\'</c>.</summary>
public static class SearchLike
{
    public static string Escape(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
