namespace StreamPortal.Data.Queries;

/// <summary>Which events the <c>duplicates</c> filter keeps: every event, none of the re-sent copies, or only them.</summary>
public enum DuplicateChoice
{
    Show,
    Hide,
    Only,
}

/// <summary>The <c>duplicates</c> query value (show, hide or only) of the API and the console's URLs.</summary>
public static class DuplicateChoices
{
    public const string Show = "show", Hide = "hide", Only = "only";

    /// <summary>The choice, or null for anything else.</summary>
    public static DuplicateChoice? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        Show => DuplicateChoice.Show,
        Hide => DuplicateChoice.Hide,
        Only => DuplicateChoice.Only,
        _ => null,
    };

    public static string Text(DuplicateChoice choice) => choice switch
    {
        DuplicateChoice.Hide => Hide,
        DuplicateChoice.Only => Only,
        _ => Show,
    };
}
