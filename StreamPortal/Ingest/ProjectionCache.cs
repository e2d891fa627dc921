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
    private readonly Dictionary<string, Cached<StreamInstance, StreamKeys>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Cached<ClientSession, SessionKeys>> _sessions = new(StringComparer.Ordinal);
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
                var stored = commands.LoadStream(mediaSessionId);
                isNew = stored is null;
                stream = new(stored ?? new StreamInstance(), stored is null ? null : StreamKeys.Of(stored));
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
            var stored = commands.LoadSession(sessionId);
            sessionIsNew = stored is null;
            session = new(stored ?? new ClientSession(), stored is null ? null : SessionKeys.Of(stored));
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
        Flush(_sessions, _dirtySessions, SessionKeys.Of, commands.WriteSession);
    }

    private void FlushStreams(BatchCommands commands) => Flush(_streams, _dirtyStreams, StreamKeys.Of, commands.WriteStream);

    private static void Flush<TRow, TKeys>(
        Dictionary<string, Cached<TRow, TKeys>> rows, HashSet<string> dirty, Func<TRow, TKeys> keysOf, Action<TRow, RowWrite> write)
        where TKeys : struct, IRowKeys<TKeys>
    {
        foreach (var id in dirty)
        {
            var cached = rows[id];
            var current = keysOf(cached.Row);
            write(cached.Row, RowStatements.Choose(cached.Stored, current, (cached.Stored ?? current).WithStatus(current.Status)));
            cached.Stored = current;
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

    private sealed class Cached<TRow, TKeys>(TRow row, TKeys? stored) where TKeys : struct
    {
        public TRow Row { get; } = row;

        /// <summary>The row's indexed columns as the database has them; null while the row is not stored.</summary>
        public TKeys? Stored { get; set; } = stored;
    }

    /// <summary>A row's indexed columns, of which the status is the one that changes in a row's life.</summary>
    private interface IRowKeys<TKeys> : IEquatable<TKeys> where TKeys : struct
    {
        string? Status { get; }
        TKeys WithStatus(string? status);
    }

    /// <summary>The columns of <see cref="ProjectionSql.StreamIndexedColumns"/>.</summary>
    private readonly record struct StreamKeys(string? Name, string? SessionId, string? AppKey, string? Status, long FirstSeenMs)
        : IRowKeys<StreamKeys>
    {
        public static StreamKeys Of(StreamInstance r) => new(r.Name, r.SessionId, r.AppKey, r.Status, r.FirstSeenMs);
        public StreamKeys WithStatus(string? status) => this with { Status = status };
    }

    /// <summary>The columns of <see cref="ProjectionSql.SessionIndexedColumns"/>.</summary>
    private readonly record struct SessionKeys(string? AppKey, string? Status, long FirstSeenMs) : IRowKeys<SessionKeys>
    {
        public static SessionKeys Of(ClientSession r) => new(r.AppKey, r.Status, r.FirstSeenMs);
        public SessionKeys WithStatus(string? status) => this with { Status = status };
    }
}
