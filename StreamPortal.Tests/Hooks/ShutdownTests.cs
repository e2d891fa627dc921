using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>Stopping the portal answers hooks that wait out a rule delay with their recorded answer instead of dropping them.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task A_delayed_hook_in_flight_gets_its_recorded_answer_when_the_portal_stops()
    {
        var factory = new PortalFactory();
        try
        {
            factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            factory.StartServer();
            var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var api = new HttpClient { BaseAddress = new Uri(address) };
            api.DefaultRequestHeaders.Add("X-Api-Key", PortalFactory.ApiKey);
            var rule = await api.PostAsJsonAsync("/api/rules", new JsonObject
            {
                ["name"] = "slow refusal",
                ["match"] = new JsonObject { ["methods"] = new JsonArray("publishStream") },
                ["answer"] = new JsonObject { ["status"] = 403, ["delayMs"] = 30_000 },
            });
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);

            using var wcs = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(20) };
            var hook = wcs.PostHookAsync("publishStream", HookClient.StreamHook("m-1", "s-1", "slow", "NEW"));
            var database = factory.ConnectionString + ";Pooling=False";
            await WaitUntilAsync(() => CountEvents(database) == 1, TimeSpan.FromSeconds(10));

            var stopping = Stopwatch.StartNew();
            var stop = factory.DisposeAsync().AsTask();
            using var response = await hook;
            var answeredAfter = stopping.Elapsed;
            await stop;

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("\"slow\"", await response.Content.ReadAsStringAsync());
            Assert.True(answeredAfter < TimeSpan.FromSeconds(5), $"answered {answeredAfter.TotalSeconds:F1} s after the stop began");
        }
        finally
        {
            await factory.DisposeAsync();
        }
    }

    private static long CountEvents(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM Events";
        return (long)cmd.ExecuteScalar()!;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "the condition did not become true in time");
            await Task.Delay(20);
        }
    }
}
