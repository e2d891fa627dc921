using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace StreamPortal.Tests.Shared;

/// <summary>The factory's app on real Kestrel at 127.0.0.1 (a free port), for tests that need real sockets.</summary>
public static class LoopbackServer
{
    /// <returns>The base address, e.g. http://127.0.0.1:41234/.</returns>
    public static Uri StartOnLoopback(this PortalFactory factory)
    {
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>A client of the real socket; with the API key when asked.</summary>
    public static HttpClient SocketClient(Uri baseAddress, bool withApiKey = false)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (withApiKey) client.DefaultRequestHeaders.Add("X-Api-Key", PortalFactory.ApiKey);
        return client;
    }

    /// <summary>Adds a response rule through the API (on a connection closed afterwards) and returns its id.</summary>
    public static async Task<long> AddRuleAsync(Uri baseAddress, string ruleJson)
    {
        using var client = SocketClient(baseAddress, withApiKey: true);
        client.DefaultRequestHeaders.ConnectionClose = true;
        var response = await client.PostAsync("/api/rules", new StringContent(ruleJson, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/rules: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    /// <summary>Events stored with this method, read from the file (no HTTP connection needed).</summary>
    public static long CountEvents(this PortalFactory factory, string method, string extraCondition = "1=1")
    {
        using var connection = new SqliteConnection(factory.ConnectionString + ";Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM Events WHERE Method = $m AND {extraCondition}";
        cmd.Parameters.AddWithValue("$m", method);
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Polls until the condition holds; fails the test after the timeout.</summary>
    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(25);
        }
    }
}
