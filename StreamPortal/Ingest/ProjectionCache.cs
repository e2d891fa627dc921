using StreamPortal.Data.Entities;
using StreamPortal.Hooks;

namespace StreamPortal.Ingest;

/// <summary>
/// The writer's copy of recently touched stream and session rows. The writer is their only writer, so the copy
/// stays true; each hook changes it in memory and each changed row is written once per batch. A failed
/// transaction drops the whole copy (the database is the truth).
/// </summary>
internal sealed class ProjectionCache(int capacity)
{
    private readonly Dictionary<string, StreamInstance> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ClientSession> _sessions = new(StringComparer.Ordinal);
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
                stream = commands.LoadStream(mediaSessionId);
                isNew = stream is null;
                stream ??= new StreamInstance();
                _streams[mediaSessionId] = stream;
            }
            Projector.ApplyStream(stream!, isNew, f, e);
            _dirtyStreams.Add(mediaSessionId);
            changes.Streams.Add(mediaSessionId);
        }
        if (f.SessionId is not { } sessionId) return;

        var sessionIsNew = !_sessions.TryGetValue(sessionId, out var session);
        if (sessionIsNew)
        {
            session = commands.LoadSession(sessionId);
            sessionIsNew = session is null;
            session ??= new ClientSession();
            _sessions[sessionId] = session;
        }
        var clientFields = e.Kind == HookKind.Connect || e.Method == "ConnectionStatusEvent";
        Projector.ApplySession(session!, sessionIsNew, f, e, item.SessionStatus, item.RestClientConfig, clientFields);
        _dirtySessions.Add(sessionId);
        changes.Sessions.Add(sessionId);

        if (Projector.EndsStreams(item.SessionStatus))
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
        foreach (var id in _dirtySessions) commands.WriteSession(_sessions[id]);
        _dirtySessions.Clear();
    }

    private void FlushStreams(BatchCommands commands)
    {
        foreach (var id in _dirtyStreams) commands.WriteStream(_streams[id]);
        _dirtyStreams.Clear();
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
}
