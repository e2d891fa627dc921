using System.Net;
using Microsoft.Data.Sqlite;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Ingest;

/// <summary>When the database refuses a hook, that hook is answered 503 (never 200) and its batch neighbours still commit.</summary>
public sealed class StorageFailureTests : PortalTest
{
    public override async Task InitializeAsync()
    {
        _ = Factory.Server;
        await using var connection = new SqliteConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "CREATE TRIGGER poison BEFORE INSERT ON Events WHEN NEW.Method = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned row'); END;";
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_hook_the_database_refuses_is_503_and_the_others_are_stored()
    {
        var client = Factory.CreateClient();
        var requests = Enumerable.Range(0, 60).Select(i => i % 10 == 0
            ? client.PostHookAsync("poison", HookClient.ConnectionHook($"p-{i}"))
            : client.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"m-{i}", $"s-{i}", "n", "PUBLISHING"))).ToList();
        var responses = await Task.WhenAll(requests);

        for (var i = 0; i < responses.Length; i++)
        {
            var expected = i % 10 == 0 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK;
            Assert.Equal(expected, responses[i].StatusCode);
        }
        Assert.Contains("poisoned row", await responses[0].Content.ReadAsStringAsync());
        var stored = await Factory.CreateApiClient().GetObjectAsync("/api/events?pageSize=1");
        Assert.Equal(54, stored["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_hook_the_database_refuses_does_not_make_the_portal_unready()
    {
        var client = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostHookAsync("poison", HookClient.ConnectionHook("alone"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
    }
}
