using Microsoft.AspNetCore.Http.HttpResults;

namespace StreamPortal.Api;

/// <summary>Paging and time-range query parameters, validated together so that a bad request lists every problem.</summary>
public sealed class QueryErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;
    public IDictionary<string, string[]> ToDictionary() => _errors;

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public int Page(string? raw) => PositiveInt("page", raw, 1, int.MaxValue, 1);

    public int PageSize(string? raw) => PositiveInt("pageSize", raw, 1, 500, 50);

    public long? Time(string field, string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            return t.ToUnixTimeMilliseconds();
        Add(field, $"'{raw}' is not an ISO 8601 time (e.g. 2026-11-26T12:00:00Z).");
        return null;
    }

    public bool? Bool(string field, string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (bool.TryParse(raw, out var b)) return b;
        Add(field, $"'{raw}' is not true or false.");
        return null;
    }

    public int? Int(string field, string? raw, int min, int max)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        if (int.TryParse(raw, out var v) && v >= min && v <= max) return v;
        Add(field, $"'{raw}' is not a whole number from {min} to {max}.");
        return null;
    }

    private int PositiveInt(string field, string? raw, int min, int max, int fallback) => Int(field, raw, min, max) ?? fallback;

    public ValidationProblem Problem() => TypedResults.ValidationProblem(_errors, title: "Invalid query");
}
