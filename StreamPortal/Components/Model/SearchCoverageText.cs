using System.Globalization;
using StreamPortal.Data.Queries;

namespace StreamPortal.Components.Model;

/// <summary>The Events page's line on how a free-text search was answered (the API gives the same as "search").</summary>
public static class SearchCoverageText
{
    public static string Of(SearchCoverage search) => search.Method == SearchCoverage.Index
        ? string.Create(CultureInfo.InvariantCulture,
            $"Search index covers events up to #{search.IndexedUpToId:N0} (behind by {search.LagMs:N0} ms); newer events were scanned")
        : $"Searched by reading every event ({search.Reason ?? "no index"})";
}
