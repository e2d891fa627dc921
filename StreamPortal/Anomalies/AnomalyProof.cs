using System.Globalization;

namespace StreamPortal.Anomalies;

/// <summary>The stored list of proving hook ids ("12,15,40"): bounded, so that a flood of late hooks cannot grow a row.</summary>
public static class AnomalyProof
{
    public const int MaxEventIds = 20;

    public static IReadOnlyList<long> Parse(string stored) =>
        stored.Length == 0 ? [] : stored.Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Adds ids not listed yet; when full, the last slot holds the latest (the first proof and the newest stay).</summary>
    public static string Add(string stored, IEnumerable<long> ids)
    {
        var list = Parse(stored).ToList();
        foreach (var id in ids)
        {
            if (id <= 0 || list.Contains(id)) continue;
            if (list.Count < MaxEventIds) list.Add(id);
            else list[^1] = id;
        }
        return string.Join(',', list.Select(i => i.ToString(CultureInfo.InvariantCulture)));
    }
}
