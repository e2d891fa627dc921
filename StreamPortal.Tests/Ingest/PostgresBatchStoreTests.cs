using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Hooks;
using StreamPortal.Ingest;
using StreamPortal.Tests.Data;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// The PostgreSQL writer's statement shapes, batch by batch (no HTTP, so each batch's content is exact): a batch's
/// events in one statement with ids taken ahead, copies marked inside one batch, a session end followed in the same
/// batch by its stream's late hook, and two writers projecting one session's hooks at once.
/// </summary>
public sealed class PostgresBatchStoreTests : IAsyncLifetime
{
    private const long WindowMs = 30_000;
    private PostgresPortalFactory? _portal;
    private readonly List<NpgsqlDataSource> _sources = [];
    private long _clock = 1_800_000_000_000;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var source in _sources) await source.DisposeAsync();
        if (_portal is not null) await _portal.DisposeAsync();
    }

    [PostgresFact]
    public async Task Copies_of_one_hook_in_one_batch_are_stored_in_order_and_marked_with_the_first_copy()
    {
        var (store, tracker) = Writer();
        var session = Guid.NewGuid().ToString("N");
        List<IngestItem> batch = [.. Enumerable.Range(0, 6).Select(_ => Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(session + "-m", session, "dup", StreamStatus.Publishing)))];
        Write(store, tracker, batch);

        var ids = batch.Select(i => i.Event.Id).ToArray();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Length, ids.Distinct().Count());
        await using var db = Database();
        var stored = await db.Events.AsNoTracking().Where(e => e.SessionId == session).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(ids, stored.Select(e => e.Id));
        Assert.Null(stored[0].DuplicateOf);
        Assert.All(stored.Skip(1), e => Assert.Equal(ids[0], e.DuplicateOf));
        // The key columns were filled by the insert itself from the strings.
        Assert.All(stored, e => Assert.NotNull(e.SessionKey));
        Assert.All(stored, e => Assert.Equal(stored[0].NameKey, e.NameKey));
        var stream = await db.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == session + "-m");
        Assert.Equal(1, stream.EventCount);
    }

    [PostgresFact]
    public async Task A_session_end_followed_in_its_batch_by_a_late_hook_of_its_stream_keeps_the_stream_ended()
    {
        var (store, tracker) = Writer();
        var session = Guid.NewGuid().ToString("N");
        var other = Guid.NewGuid().ToString("N");
        var mine = session + "-m";
        var theirs = other + "-m";
        Write(store, tracker, [Hook(WcsMethod.Connect, HookClient.ConnectionHook(session)), Hook(WcsMethod.Connect, HookClient.ConnectionHook(other))]);
        Write(store, tracker,
        [
            Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(mine, session, "mine", StreamStatus.Publishing)),
            Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(theirs, other, "theirs", StreamStatus.Publishing)),
            Hook(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Disconnected)),
            // Late (WCS sent it before the disconnect): a non-terminal status never replaces the end.
            Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(mine, session, "mine", StreamStatus.Pending)),
            Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook(theirs, other, "theirs", StreamStatus.Publishing)),
        ]);

        await using var db = Database();
        var ended = await db.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == mine);
        Assert.Equal(StreamStatus.EndedWithSession(true), ended.Status);
        Assert.True(ended.EndedWithSession);
        Assert.NotNull(ended.EndedByEventId);
        Assert.Equal(2, ended.EventCount);
        var running = await db.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == theirs);
        Assert.Equal(StreamStatus.Publishing, running.Status);
        Assert.False(running.EndedWithSession);
        Assert.Equal(2, running.EventCount);
        Assert.Equal(SessionStatus.Disconnected, (await db.Sessions.AsNoTracking().SingleAsync(s => s.SessionId == session)).Status);
    }

    [PostgresFact]
    public async Task One_sessions_hooks_split_over_two_writers_batch_by_batch_project_as_one_writer_would()
    {
        var first = Writer();
        var second = Writer();
        var session = Guid.NewGuid().ToString("N");
        const int Streams = 4, Rounds = 12, PerBatch = 16;
        for (var round = 0; round < Rounds; round++)
        {
            // Each writer gets a batch of keep-alives over the same streams; one stream ends half way.
            List<IngestItem> Batch() => [.. Enumerable.Range(0, PerBatch).Select(i =>
                Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook($"{session}-{i % Streams}", session, $"s{i % Streams}", StreamStatus.Publishing)))];
            var a = Batch();
            var b = Batch();
            if (round == Rounds / 2) a.Add(Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook($"{session}-0", session, "s0", StreamStatus.Unpublished)));
            await Task.WhenAll(Task.Run(() => Write(first.Store, first.Tracker, a)), Task.Run(() => Write(second.Store, second.Tracker, b)));
        }

        await using var db = Database();
        var total = Rounds * PerBatch * 2 + 1;
        Assert.Equal(total, await db.Events.CountAsync(e => e.SessionId == session));
        Assert.Equal(total, await db.Events.Where(e => e.SessionId == session).Select(e => e.Id).Distinct().CountAsync());
        var streams = await db.Streams.AsNoTracking().Where(s => s.SessionId == session).OrderBy(s => s.MediaSessionId).ToListAsync();
        Assert.Equal(Streams, streams.Count);
        Assert.Equal(total, streams.Sum(s => s.EventCount));
        Assert.Equal(StreamStatus.Unpublished, streams[0].Status);
        Assert.All(streams.Skip(1), s => Assert.Equal(StreamStatus.Publishing, s.Status));
        Assert.Equal(total, (await db.Sessions.AsNoTracking().SingleAsync(s => s.SessionId == session)).EventCount);
    }

    [PostgresFact]
    public async Task Rows_the_writer_holds_are_written_checked_with_the_events_and_a_new_key_is_inserted_so()
    {
        var (store, tracker) = Writer();
        var session = Guid.NewGuid().ToString("N");
        var stream = session + "-m";
        Write(store, tracker, [Hook(WcsMethod.Connect, HookClient.ConnectionHook(session))]);
        Write(store, tracker, [Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "s", StreamStatus.Publishing))]);
        Write(store, tracker, [Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook(stream, session, "s", StreamStatus.Publishing))]);

        // Three batches, each in one round trip: the first two inserted their new rows, the third checked them.
        Assert.Equal((3, 0), store.CheckedCounts);
        await using var db = Database();
        var row = await db.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == stream);
        Assert.Equal(StreamStatus.Publishing, row.Status);
        Assert.Equal(2, row.EventCount);
        Assert.Equal(3, (await db.Sessions.AsNoTracking().SingleAsync(s => s.SessionId == session)).EventCount);
    }

    [PostgresFact]
    public async Task A_row_another_writer_changed_since_is_not_overwritten_from_the_cache()
    {
        var mine = Writer();
        var theirs = Writer();
        var session = Guid.NewGuid().ToString("N");
        var stream = session + "-m";
        Write(mine.Store, mine.Tracker, [Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "s", StreamStatus.Publishing))]);
        // The other instance ends the stream; this one's cached copy still says PUBLISHING with one event.
        Write(theirs.Store, theirs.Tracker, [Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "s", StreamStatus.Unpublished))]);
        Write(mine.Store, mine.Tracker, [Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook(stream, session, "s", StreamStatus.Publishing))]);

        Assert.Equal((1, 1), mine.Store.CheckedCounts);
        // What the stale_checks metric is fed: each stale check once.
        Assert.Equal(1, mine.Store.TakeStaleChecks());
        Assert.Equal(0, mine.Store.TakeStaleChecks());
        await using var db = Database();
        var row = await db.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == stream);
        Assert.Equal(StreamStatus.Unpublished, row.Status);
        Assert.Equal(3, row.EventCount);
        Assert.Equal(3, await db.Events.CountAsync(e => e.MediaSessionId == stream));
    }

    [PostgresFact]
    public async Task A_key_another_writer_created_and_a_row_deleted_since_are_both_seen()
    {
        var mine = Writer();
        var theirs = Writer();
        var session = Guid.NewGuid().ToString("N");
        var created = session + "-a";
        var deleted = session + "-b";
        Write(mine.Store, mine.Tracker, [Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(deleted, session, "b", StreamStatus.Publishing))]);
        Write(theirs.Store, theirs.Tracker, [Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(created, session, "a", StreamStatus.Publishing))]);
        await using (var db = Database()) await db.Streams.Where(s => s.MediaSessionId == deleted).ExecuteDeleteAsync();

        // Unknown to this writer, so inserted checked: the insert finds the other's row and the batch goes the locked way.
        Write(mine.Store, mine.Tracker, [Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook(created, session, "a", StreamStatus.Publishing))]);
        Assert.Equal((1, 1), mine.Store.CheckedCounts);
        // After a failed check the next batch goes the locked way without trying; the one after it tries again, and its
        // cached row is gone from the database.
        Write(mine.Store, mine.Tracker, [Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook(created, session, "a", StreamStatus.Publishing))]);
        Assert.Equal((1, 1), mine.Store.CheckedCounts);
        Write(mine.Store, mine.Tracker, [Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook(deleted, session, "b", StreamStatus.Publishing))]);

        await using var check = Database();
        var a = await check.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == created);
        Assert.Equal(3, a.EventCount);
        Assert.Equal(StreamStatus.Publishing, a.Status);
        // Made again from the hooks that came after the delete, not from the copy held before it.
        var b = await check.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == deleted);
        Assert.Equal(1, b.EventCount);
        Assert.Equal((1, 2), mine.Store.CheckedCounts);
    }

    [PostgresFact]
    public async Task A_session_end_written_checked_ends_its_streams_and_they_leave_the_cache()
    {
        var (store, tracker) = Writer();
        var session = Guid.NewGuid().ToString("N");
        var stream = session + "-m";
        Write(store, tracker, [Hook(WcsMethod.Connect, HookClient.ConnectionHook(session)), Hook(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "s", StreamStatus.Publishing))]);
        Write(store, tracker, [Hook(WcsMethod.ConnectionStatusEvent, HookClient.ConnectionHook(session, SessionStatus.Disconnected))]);
        // A late keep-alive: the cache no longer holds the stream the end changed, so the checked insert fails and the
        // locked way applies it to the ended row.
        Write(store, tracker, [Hook(WcsMethod.StreamKeepAliveEvent, HookClient.StreamHook(stream, session, "s", StreamStatus.Publishing))]);

        Assert.Equal((2, 1), store.CheckedCounts);
        await using var db = Database();
        var row = await db.Streams.AsNoTracking().SingleAsync(s => s.MediaSessionId == stream);
        Assert.Equal(StreamStatus.EndedWithSession(true), row.Status);
        Assert.True(row.EndedWithSession);
        Assert.Equal(2, row.EventCount);
    }

    private (PostgresBatchStore Store, DuplicateTracker Tracker) Writer()
    {
        _portal ??= new PostgresPortalFactory();
        _ = _portal.CreateClient(); // migrates the database
        var source = PostgresDataSource.Build(_portal.PostgresConnectionString, forWriter: true);
        _sources.Add(source);
        using var db = Database();
        return (new PostgresBatchStore(source, ProjectedRows.From(db.Model), NullLogger.Instance), new DuplicateTracker(1000));
    }

    private void Write(PostgresBatchStore store, DuplicateTracker tracker, List<IngestItem> batch) =>
        store.Write(batch, Interlocked.Read(ref _clock), new DuplicateMarking(tracker, WindowMs));

    private PostgresPortalDbContext Database() =>
        new(new DbContextOptionsBuilder<PostgresPortalDbContext>().UseNpgsql(_portal!.PostgresConnectionString).Options);

    /// <summary>A parsed hook as the handler queues it (answered 200), its duplicate key taken from its body.</summary>
    private IngestItem Hook(string method, JsonObject body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var fields = HookBodyParser.Parse(bytes).Fields!;
        var evt = new HookEvent
        {
            ReceivedAtMs = Interlocked.Increment(ref _clock),
            App = "my_api",
            Method = method,
            Kind = HookCatalogue.KindOf(method),
            AnswerStatus = 200,
        };
        HookHandler.Identify(evt, fields);
        var sessionStatus = evt.Kind == HookKind.Connect ? SessionStatus.AfterConnect(200)
            : method == WcsMethod.ConnectionStatusEvent ? fields.Status : null;
        return new IngestItem(evt, bytes, fields, Stopwatch.GetTimestamp(), sessionStatus, null) { DuplicateKey = DuplicateTracker.KeyOf(method, bytes) };
    }
}
