using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Ingest;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

public sealed class RetentionJobTests : PortalTest
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

    [Fact]
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

    [Fact]
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

    [Fact]
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
}
