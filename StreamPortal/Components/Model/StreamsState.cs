using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Model;

/// <summary>The Streams page's filters, sort and page.</summary>
public sealed record StreamsState : ISortedListState<StreamsState, StreamFilter>
{
    /// <summary>Columns the stream query sorts by; first seen, newest first, by default (it has an index).</summary>
    public static IReadOnlyList<string> SortColumns { get; } = ["firstSeen", "lastSeen", "name", "status"];
    public const string DefaultSort = "firstSeen";

    public string? Name { get; init; }
    public string? Status { get; init; }
    public string? AppKey { get; init; }
    public bool? Published { get; init; }
    public string? NodeId { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string Sort { get; init; } = DefaultSort;
    public bool Descending { get; init; } = true;
    public int Page { get; init; } = 1;

    public StreamsState WithPage(int page) => this with { Page = page };

    public StreamsState WithSort(string column, bool descending) => this with { Sort = column, Descending = descending };

    public StreamFilter ToFilter() => new()
    {
        Name = FilterText.Blank(Name), Status = FilterText.Blank(Status), AppKey = FilterText.Blank(AppKey), Published = Published,
        NodeId = FilterText.Blank(NodeId), FromMs = FilterText.UtcMs(From), ToMs = FilterText.UtcMs(To), Sort = Sort, Descending = Descending,
    };
}
