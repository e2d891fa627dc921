using Npgsql;

namespace StreamPortal.Ingest;

/// <summary>
/// Event ids taken ahead from the Events identity column's sequence (so still unique across instances), so that the
/// writer knows each event's id before sending it: a copy of a hook in the same batch is then marked with its first's
/// id in C# (<see cref="DuplicateMarking"/>), as on SQLite, and a batch's events go in one statement with nothing
/// to wait for. The reserve is topped up inside a batch's own round trip; only a batch larger than the reserve costs a
/// round trip of its own. Ids are never reused: a failed batch or a stop leaves a gap, as identity columns do anyway.
/// </summary>
internal sealed class PostgresEventIds
{
    /// <summary>Ids fetched at a time: one top-up every few dozen batches, a small gap at a stop.</summary>
    internal const int Block = 256;

    private readonly Queue<long> _ids = new();

    /// <summary>Makes sure <paramref name="count"/> ids are in reserve (a round trip of its own only when short).</summary>
    public void Ensure(NpgsqlConnection connection, int count)
    {
        if (_ids.Count >= count) return;
        var trip = new PostgresRoundTrip();
        Fetch(trip, Math.Max(count - _ids.Count, Block));
        trip.Execute(connection);
    }

    public long Take() => _ids.Dequeue();

    /// <summary>Adds a fetch to a round trip the batch makes anyway, when the reserve runs low.</summary>
    public void TopUp(PostgresRoundTrip trip)
    {
        if (_ids.Count < Block) Fetch(trip, Block);
    }

    private void Fetch(PostgresRoundTrip trip, int count) =>
        trip.Add(ProjectionSql.PostgresNextIds, reader =>
        {
            while (reader.Read()) _ids.Enqueue(reader.GetInt64(0));
        }, count);
}
