using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Model;

/// <summary>The Sessions page's filters, sort and page.</summary>
public sealed record SessionsState : ISortedListState<SessionsState, SessionFilter>
{
    /// <summary>Columns the session query sorts by; first seen (connected), newest first, by default.</summary>
    public static IReadOnlyList<string> SortColumns { get; } = ["firstSeen", "lastSeen", "status", "login"];
    public const string DefaultSort = "firstSeen";

    public string? Status { get; init; }
    public string? AppKey { get; init; }
    public string? Origin { get; init; }
    public string? Login { get; init; }
    public string? Q { get; init; }
    public string Sort { get; init; } = DefaultSort;
    public bool Descending { get; init; } = true;
    public int Page { get; init; } = 1;

    public SessionsState WithPage(int page) => this with { Page = page };

    public SessionsState WithSort(string column, bool descending) => this with { Sort = column, Descending = descending };

    public SessionFilter ToFilter() => new()
    {
        Status = FilterText.Blank(Status), AppKey = FilterText.Blank(AppKey), Origin = FilterText.Blank(Origin),
        Login = FilterText.Blank(Login), Q = FilterText.Blank(Q), Sort = Sort, Descending = Descending,
    };
}
