using StreamPortal.Data.Entities;
using StreamPortal.Wcs;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's copy of recently touched stream and session rows. The writer is their only writer, so the copy
/// stays true; each hook changes it in memory and each changed row is written once per batch. With each row it
/// keeps the indexed columns as stored, so that a write sets them only when they changed (see
/// <see cref="RowWrite"/>). A failed transaction drops the whole copy (the database is the truth).
/// </summary>
internal sealed class ProjectionCache(int capacity)
{
    private readonly Dictionary<string, Cached<StreamInstance>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Cached<ClientSession>> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtyStreams = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirtySessions = new(StringComparer.Ordinal);

    public void Apply(IngestItem item, BatchCommands commands, long now, BatchChanges changes)
    {
        var f = item.Fields!;
        var e = item.Event;
        if (f.MediaSessionId is { } mediaSessionId)
        {
            var isNew = !_streams.TryGetValue(mediaSessionId, out var stream);
            if (isNew)
            {
                stream = Load(commands.Streams, mediaSessionId);
                isNew = !stream.IsStored;
                _streams[mediaSessionId] = stream;
            }
            Projector.ApplyStream(stream!.Row, isNew, f, e);
            _dirtyStreams.Add(mediaSessionId);
            changes.Streams.Add(mediaSessionId);
        }
        if (f.SessionId is not { } sessionId) return;

        var sessionIsNew = !_sessions.TryGetValue(sessionId, out var session);
        if (sessionIsNew)
        {
            session = Load(commands.Sessions, sessionId);
            sessionIsNew = !session.IsStored;
            _sessions[sessionId] = session;
        }
        var clientFields = e.Kind == HookKind.Connect || e.Method == WcsMethod.ConnectionStatusEvent;
        Projector.ApplySession(session!.Row, sessionIsNew, f, e, item.SessionStatus, item.RestClientConfig, clientFields);
        _dirtySessions.Add(sessionId);
        changes.Sessions.Add(sessionId);

        if (SessionStatus.EndsStreams(item.SessionStatus))
        {
            // The session's streams are found in the database, so pending stream changes go there first.
            FlushStreams(commands);
            foreach (var ended in commands.EndSessionStreams(sessionId, e.Id, now))
            {
                _streams.Remove(ended);
                changes.Streams.Add(ended);
            }
        }
    }

    public void Flush(BatchCommands commands)
    {
        FlushStreams(commands);
        Flush(_sessions, _dirtySessions, commands.Sessions, static s => SessionStatus.IsEnded(s.Status));
    }

    private void FlushStreams(BatchCommands commands) =>
        Flush(_streams, _dirtyStreams, commands.Streams, static s => StreamStatus.IsTerminal(s.Status));

    /// <summary>The stored row with its indexed values, or a new row (not stored yet) if there is none.</summary>
    private static Cached<TRow> Load<TRow>(RowStatements<TRow> statements, string key) where TRow : class, new()
    {
        var stored = statements.Load(key);
        var values = statements.Shape.NewStoredValues();
        if (stored is not null) statements.Shape.Remember(stored, values);
        return new Cached<TRow>(stored ?? new TRow(), values) { IsStored = stored is not null };
    }

    /// <param name="over">
    /// A row that is over (an ended session, a stream that stopped) leaves the copy once written: a later hook of it
    /// (rare) reads it back. Kept until the cache filled (<see cref="Trim"/>), the rows of every session and stream of
    /// the last minutes lived long enough to be copied into the GC's oldest generation, to die there.
    /// </param>
    private static void Flush<TRow>(Dictionary<string, Cached<TRow>> rows, HashSet<string> dirty, RowStatements<TRow> statements,
        Func<TRow, bool> over)
        where TRow : class, new()
    {
        var shape = statements.Shape;
        foreach (var id in dirty)
        {
            var cached = rows[id];
            statements.Write(cached.Row, shape.Choose(cached.Row, cached.Stored, cached.IsStored));
            shape.Remember(cached.Row, cached.Stored);
            cached.IsStored = true;
            if (over(cached.Row)) rows.Remove(id);
        }
        dirty.Clear();
    }

    /// <summary>After a commit: keep memory bounded (a cleared cache only costs reads).</summary>
    public void Trim()
    {
        if (_streams.Count > capacity) _streams.Clear();
        if (_sessions.Count > capacity) _sessions.Clear();
    }

    /// <summary>After a rollback: what is in memory may never have reached the database.</summary>
    public void Invalidate()
    {
        _streams.Clear();
        _sessions.Clear();
        _dirtyStreams.Clear();
        _dirtySessions.Clear();
    }

    /// <param name="stored">The row's indexed values as the database has them, updated in place at each write.</param>
    private sealed class Cached<TRow>(TRow row, IndexedValue[] stored)
    {
        public TRow Row { get; } = row;

        /// <summary>The row's indexed values as the database has them; meaningful once <see cref="IsStored"/>.</summary>
        public IndexedValue[] Stored { get; } = stored;

        public bool IsStored { get; set; }
    }
}
