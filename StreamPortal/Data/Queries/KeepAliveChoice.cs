namespace StreamPortal.Data.Queries;

/// <summary>The <c>keepAlives</c> query value (hide or show) of the API and the console's URLs.</summary>
public static class KeepAliveChoice
{
    public const string Hide = "hide", Show = "show";

    /// <summary>True to hide, false to show, null for anything else.</summary>
    public static bool? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        Hide => true,
        Show => false,
        _ => null,
    };
}
