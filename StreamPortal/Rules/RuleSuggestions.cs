using Microsoft.EntityFrameworkCore;
using StreamPortal.Data;

namespace StreamPortal.Rules;

/// <summary>
/// appKeys and stream names seen in traffic, offered while a rule is typed. Bounded on purpose: only the newest
/// <see cref="RecentRows"/> sessions or streams (by the FirstSeenMs index) are read, whatever the table holds, so a
/// keystroke never scans a large table; the names an operator is targeting are the ones seen lately.
/// </summary>
public sealed class RuleSuggestions(IDbContextFactory<PortalDbContext> contexts)
{
    public const int RecentRows = 2_000;
    public const int MaxSuggestions = 20;

    public async Task<IReadOnlyList<string>> AppKeysAsync(string? typed, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await db.Sessions.AsNoTracking().OrderByDescending(s => s.FirstSeenMs).Take(RecentRows)
            .Select(s => s.AppKey).ToListAsync(ct);
        return Pick(names, typed);
    }

    public async Task<IReadOnlyList<string>> StreamNamesAsync(string? typed, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await db.Streams.AsNoTracking().OrderByDescending(s => s.FirstSeenMs).Take(RecentRows)
            .Select(s => s.Name).ToListAsync(ct);
        return Pick(names, typed);
    }

    /// <summary>Distinct names containing what was typed (a glob's wildcards ignored), prefix matches first.</summary>
    public static IReadOnlyList<string> Pick(IEnumerable<string?> names, string? typed)
    {
        var needle = (typed ?? "").Replace("*", "", StringComparison.Ordinal).Replace("?", "", StringComparison.Ordinal).Trim();
        return names.OfType<string>().Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)
            .Where(n => n.Contains(needle, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.StartsWith(needle, StringComparison.OrdinalIgnoreCase) ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal)
            .Take(MaxSuggestions).ToList();
    }
}
