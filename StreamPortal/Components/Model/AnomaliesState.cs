using Microsoft.AspNetCore.WebUtilities;
using StreamPortal.Anomalies;

namespace StreamPortal.Components.Model;

/// <summary>The Anomalies page's filters and page, and their URL (<c>/anomalies?kind=staleStream&amp;open=true&amp;page=2</c>).</summary>
public sealed record AnomaliesState : IListState<AnomaliesState>
{
    public const string Path = "/anomalies";
    public const string KindKey = "kind";
    public const string OpenKey = "open";
    public const string SubjectKey = "subject";
    public const string PageKey = "page";

    /// <summary>One of <see cref="AnomalyKind.All"/>, or null for every kind.</summary>
    public string? Kind { get; init; }
    /// <summary>true: open only; false: resolved only; null: both.</summary>
    public bool? Open { get; init; }
    public string? Subject { get; init; }
    public int Page { get; init; } = 1;

    public AnomaliesState WithPage(int page) => this with { Page = page };

    public AnomalyFilter ToFilter() => new(Kind, Open, FilterText.Blank(Subject));

    public string ToUrl() => QueryHelpers.AddQueryString(Path, new[]
    {
        KeyValuePair.Create(KindKey, Kind), KeyValuePair.Create(OpenKey, Open?.ToString().ToLowerInvariant()),
        KeyValuePair.Create(SubjectKey, FilterText.Blank(Subject)), KeyValuePair.Create(PageKey, Page > 1 ? Page.ToString() : null),
    }.Where(p => p.Value is not null));

    /// <summary>What a URL asks for; a value the page cannot show (an unknown kind, a bad page) is left out.</summary>
    public static AnomaliesState Parse(string url)
    {
        var start = url.IndexOf('?');
        var q = start < 0 ? [] : QueryHelpers.ParseQuery(url[start..].Split('#')[0]);
        string? First(string key) => q.TryGetValue(key, out var v) && v.Count > 0 ? v[0] : null;
        var subject = FilterText.Blank(First(SubjectKey));
        return new AnomaliesState
        {
            Kind = AnomalyKind.Parse(First(KindKey)),
            Open = bool.TryParse(First(OpenKey), out var open) ? open : null,
            Subject = subject is { Length: <= ConsoleUrls.MaxText } ? subject : null,
            Page = int.TryParse(First(PageKey), System.Globalization.NumberStyles.None, null, out var page) ? Math.Clamp(page, 1, ConsoleUrls.MaxPage) : 1,
        };
    }
}
