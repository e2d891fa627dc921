using System.Text.Json.Serialization;

namespace StreamPortal.Data.Queries;

/// <summary>One page of a list and the total that matched (the admin API's list answer and the console's grids).</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total)
{
    /// <summary>
    /// True when counting stopped at a cap (<see cref="ListCount.Cap"/>): more than <see cref="Total"/> match.
    /// </summary>
    public bool TotalCapped { get; init; }

    /// <summary>How a free-text search (<c>q</c>) was answered; only on event lists searched with <c>q</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SearchCoverage? Search { get; init; }
}
