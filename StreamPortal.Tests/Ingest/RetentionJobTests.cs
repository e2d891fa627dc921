using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>Part of the store contract: runs on SQLite here and on PostgreSQL in PostgresRetentionJobTests (PostgresStoreContract.cs).</summary>
public class RetentionJobTests : PortalTest
{
    private IDbContextFactory<PortalDbContext> Contexts => Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();

    public override Task InitializeAsync()
    {
        Factory.CreateClient();
        return Task.CompletedTask;
    }

    private async Task SeedAsync(int count, long receivedAtMs)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var lastId = await db.Events.MaxAsync(e => (long?)e.Id) ?? 0;
        for (var i = 0; i < count; i++)
            db.Events.Add(new HookEvent { Id = ++lastId, App = "my_api", Method = "StreamKeepAliveEvent", ReceivedAtMs = receivedAtMs, AnswerStatus = 200, Name = "s" });
        db.Streams.Add(new StreamInstance { MediaSessionId = Guid.NewGuid().ToString(), Name = "s", FirstSeenMs = receivedAtMs, LastSeenMs = receivedAtMs });
        await db.SaveChangesAsync();
    }

    [StoreFact]
    public async Task Max_events_keeps_the_newest_and_deletes_the_rest_in_batches_leaving_streams()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await SeedAsync(RetentionJob.BatchSize * 2 + 123, now);
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var newest = await db.Events.MaxAsync(e => e.Id);
            Assert.Null(await Factory.Services.GetRequiredService<RetentionSettings>().SaveAsync(new RetentionPolicy(null, 1000), default));
            var deleted = await Factory.Services.GetRequiredService<RetentionJob>().PruneAsync(default);
            Assert.Equal(RetentionJob.BatchSize * 2 + 123 - 1000, deleted);
            Assert.Equal(1000, await db.Events.CountAsync());
            Assert.Equal(newest, await db.Events.MaxAsync(e => e.Id));
            Assert.Equal(1, await db.Streams.CountAsync());
        }
    }

    [StoreFact]
    public async Task Keep_days_deletes_only_older_events()
    {
        var now = DateTimeOffset.UtcNow;
        await SeedAsync(30, now.AddDays(-10).ToUnixTimeMilliseconds());
        await SeedAsync(20, now.AddHours(-1).ToUnixTimeMilliseconds());
        var settings = Factory.Services.GetRequiredService<RetentionSettings>();
        Assert.NotNull(await settings.SaveAsync(new RetentionPolicy(0, null), default));
        Assert.Null(await settings.SaveAsync(new RetentionPolicy(7, null), default));
        Assert.Equal(new RetentionPolicy(7, null), await settings.GetAsync(default));

        Assert.Equal(30, await Factory.Services.GetRequiredService<RetentionJob>().PruneAsync(default));
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(20, await db.Events.CountAsync());
        Assert.Equal(2, await db.Streams.CountAsync());
    }

    [StoreFact]
    public async Task Hooks_are_answered_while_a_prune_runs()
    {
        await SeedAsync(RetentionJob.BatchSize * 4, DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds());
        await Factory.Services.GetRequiredService<RetentionSettings>().SaveAsync(new RetentionPolicy(1, null), default);
        var hooks = Factory.CreateClient();
        var prune = Factory.Services.GetRequiredService<RetentionJob>().PruneAsync(default);
        for (var i = 0; i < 20; i++)
        {
            var response = await hooks.PostHookAsync("StreamKeepAliveEvent", HookClient.StreamHook("m" + i, "s", "live", "PUBLISHING"));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(RetentionJob.BatchSize * 4, await prune);
        await using var db = await Contexts.CreateDbContextAsync();
        Assert.Equal(20, await db.Events.CountAsync());
    }

    [StoreFact]
    public async Task The_events_of_a_live_session_or_stream_are_kept_however_old()
    {
        var hooks = Factory.CreateClient();
        var run = Guid.NewGuid().ToString("N")[..8];
        // A session that is over (connected, published, disconnected) and one still publishing.
        async Task LifecycleAsync(string session, string stream, bool ends)
        {
            await hooks.PostHookAsync("connect", HookClient.ConnectionHook(session));
            await hooks.PostHookAsync("ConnectionStatusEvent", HookClient.ConnectionHook(session, "ESTABLISHED"));
            await hooks.PostHookAsync("publishStream", HookClient.StreamHook(stream, session, stream, "PENDING"));
            await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook(stream, session, stream, "PUBLISHING"));
            if (ends) await hooks.PostHookAsync("ConnectionStatusEvent", HookClient.ConnectionHook(session, "DISCONNECTED"));
        }
        await LifecycleAsync($"over-{run}", $"over-stream-{run}", ends: true);
        await LifecycleAsync($"live-{run}", $"live-stream-{run}", ends: false);
        // A stream that ended in a session that goes on: its events stay with the session's.
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"ended-in-live-{run}", $"live-{run}", "x", "PUBLISHING"));
        await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"ended-in-live-{run}", $"live-{run}", "x", "UNPUBLISHED"));

        async Task<long> AgeEverythingAndPruneAsync()
        {
            var tenDaysAgo = DateTimeOffset.UtcNow.AddDays(-10).ToUnixTimeMilliseconds();
            await using (var db = await Contexts.CreateDbContextAsync())
                await db.Events.ExecuteUpdateAsync(e => e.SetProperty(x => x.ReceivedAtMs, tenDaysAgo));
            Assert.Null(await Factory.Services.GetRequiredService<RetentionSettings>().SaveAsync(new RetentionPolicy(7, null), default));
            return await Factory.Services.GetRequiredService<RetentionJob>().PruneAsync(default);
        }
        async Task<List<string?>> SessionsLeftAsync()
        {
            await using var db = await Contexts.CreateDbContextAsync();
            return await db.Events.Select(e => e.SessionId).Distinct().ToListAsync();
        }

        Assert.Equal(5, await AgeEverythingAndPruneAsync());
        Assert.Equal([$"live-{run}"], await SessionsLeftAsync());
        await using (var db = await Contexts.CreateDbContextAsync())
            Assert.Equal(6, await db.Events.CountAsync(e => e.SessionId == $"live-{run}"));

        // Once it is over, its events go like any others.
        await hooks.PostHookAsync("ConnectionStatusEvent", HookClient.ConnectionHook($"live-{run}", "DISCONNECTED"));
        Assert.Equal(7, await AgeEverythingAndPruneAsync());
        Assert.Empty(await SessionsLeftAsync());
    }
}
