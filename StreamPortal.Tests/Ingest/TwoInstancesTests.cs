using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Data;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>
/// Two portal instances on one PostgreSQL database (what a load balancer in front of several instances gives): one
/// WCS session's hooks arrive at either instance, so the projection rules must hold in the database, not in one
/// process's memory.
/// </summary>
public sealed class TwoInstancesTests
{
    private const int Copies = 8;

    /// <summary>
    /// Fixture order (0-based) with three hooks out of order: the PUBLISHING status before its publishStream (a late
    /// PENDING), and the publisher's keep-alive after everything (a late non-terminal status after UNPUBLISHED and
    /// DISCONNECTED); the STOPPED status (index 10) is sent twice.
    /// </summary>
    private static readonly int[] Order = [0, 1, 3, 2, 4, 5, 6, 7, 9, 10, 10, 11, 12, 13, 14, 8];

    [PostgresFact]
    public async Task Hooks_split_between_two_instances_end_as_on_one_instance_and_each_answered_hook_is_stored_once()
    {
        var sequences = Enumerable.Range(0, Copies).Select(Sequence).ToList();
        var hookCount = sequences.Sum(s => s.Count);

        using var shared = new PostgresDatabase();
        await using var first = new PortalFactory(shared);
        await using var second = new PortalFactory(shared);
        // Both start (and migrate) at once, as instances restarted together do.
        await Task.WhenAll(Task.Run(() => first.CreateClient()), Task.Run(() => second.CreateClient()));
        HttpClient[] instances = [first.CreateClient(), second.CreateClient()];
        // Lifecycles run side by side; inside one, each hook goes to the other instance than the one before.
        await Task.WhenAll(sequences.Select((hooks, copy) => Task.Run(() => SendAsync(hooks, i => instances[(i + copy) % 2]))));

        await using var single = new PortalFactory(PortalStore.Postgres);
        var client = single.CreateClient();
        await Task.WhenAll(sequences.Select(hooks => Task.Run(() => SendAsync(hooks, _ => client))));

        var expected = await StatesAsync(single.CreateApiClient());
        SameStates(expected, await StatesAsync(first.CreateApiClient()), "first instance");
        SameStates(expected, await StatesAsync(second.CreateApiClient()), "second instance");
        // And that common state is the lifecycle's, not a shared mistake.
        Assert.Equal(Copies * 2, expected.Count(s => s.StartsWith("session ", StringComparison.Ordinal) && s.Contains(" DISCONNECTED ", StringComparison.Ordinal)));
        Assert.Equal(Copies, expected.Count(s => s.Contains(" UNPUBLISHED ", StringComparison.Ordinal)));
        Assert.Equal(Copies, expected.Count(s => s.Contains(" STOPPED ", StringComparison.Ordinal)));

        // Every answered hook is in the table once: each body carries its own sequence number.
        var stored = await StoredSequenceNumbersAsync(first);
        Assert.Equal(hookCount, stored.Count);
        Assert.Equal(Enumerable.Range(0, hookCount), stored.Order());
    }

    /// <summary>The lifecycle fixture with ids of copy <paramref name="copy"/>, in <see cref="Order"/>.</summary>
    private static List<(string Method, JsonObject Body)> Sequence(int copy)
    {
        var lifecycle = Fixtures.Lifecycle();
        return Order.Select((index, position) =>
        {
            var (_, method, body) = lifecycle[index];
            var copied = body.DeepClone().AsObject();
            foreach (var key in new[] { "sessionId", "mediaSessionId" })
                if (copied[key] is JsonValue id) copied[key] = $"{id.GetValue<string>()}-copy{copy}";
            copied["testSeq"] = copy * Order.Length + position;
            return (method, copied);
        }).ToList();
    }

    private static async Task SendAsync(List<(string Method, JsonObject Body)> hooks, Func<int, HttpClient> instance)
    {
        for (var i = 0; i < hooks.Count; i++)
        {
            var response = await instance(i).PostHookAsync(hooks[i].Method, hooks[i].Body);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{hooks[i].Method} #{hooks[i].Body["testSeq"]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Every stream and session as one comparable line each: id, status, event count, ended with its session.</summary>
    private static async Task<List<string>> StatesAsync(HttpClient api)
    {
        var streams = (await api.GetItemsAsync("/api/streams?pageSize=500")).Select(s =>
            $"stream {s!["mediaSessionId"]} {s["status"]} {s["eventCount"]} ended-with-session={s["endedWithSession"]}");
        var sessions = (await api.GetItemsAsync("/api/sessions?pageSize=500")).Select(s =>
            $"session {s!["sessionId"]} {s["status"]} {s["eventCount"]} {s["login"]}");
        return [.. streams.Concat(sessions).Order(StringComparer.Ordinal)];
    }

    private static void SameStates(List<string> expected, List<string> actual, string which)
    {
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && expected.Count == actual.Count,
            $"The {which} differs from a single instance.\nSingle instance only:\n  {string.Join("\n  ", missing)}\n{which} only:\n  {string.Join("\n  ", extra)}");
    }

    private static async Task<List<int>> StoredSequenceNumbersAsync(PortalFactory portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var bodies = await db.Events.Select(e => e.Body).ToListAsync();
        return [.. bodies.Select(b => JsonNode.Parse(b!)!["testSeq"]!.GetValue<int>())];
    }
}
