using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StreamPortal.Anomalies;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Anomalies;

/// <summary>
/// The real app on a real SQLite file with a <see cref="FakeTimeProvider"/> as its clock, so that tests move time past
/// a threshold instead of waiting for it, and drive the detector's flush and sweep themselves.
/// </summary>
public sealed class AnomalyPortal : PortalFactory
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Time));
    }

    public AnomalyDetector Detector => Services.GetRequiredService<AnomalyDetector>();

    private HttpClient? _hooks;
    private HttpClient? _api;
    public HttpClient Hooks => _hooks ??= CreateClient();
    public HttpClient Api => _api ??= CreateApiClient();

    /// <summary>Posts a hook (expects 200 unless told) and returns its stored event id.</summary>
    public async Task<long> HookAsync(string method, JsonObject body, int expected = 200)
    {
        var response = await Hooks.PostHookAsync(method, body);
        Assert.Equal(expected, (int)response.StatusCode);
        Time.Advance(TimeSpan.FromMilliseconds(5));
        var latest = await Api.GetObjectAsync("/api/events?pageSize=1");
        return latest["items"]![0]!["id"]!.GetValue<long>();
    }

    /// <summary>Every hook sent so far looked at, then (optionally after moving the clock) one sweep.</summary>
    public async Task SettleAsync(TimeSpan? advance = null)
    {
        await Detector.FlushAsync(default);
        if (advance is { } by) Time.Advance(by);
        await Detector.SweepAsync(default);
    }

    public async Task<JsonArray> AnomaliesAsync(string query = "") => await Api.GetItemsAsync("/api/anomalies?pageSize=500" + query);

    public async Task RefuseConnectsOfAsync(string sessionId)
    {
        var rule = new JsonObject
        {
            ["name"] = "refuse " + sessionId,
            ["match"] = new JsonObject { ["methods"] = new JsonArray("connect"), ["sessionId"] = sessionId },
            ["answer"] = new JsonObject { ["status"] = 403 },
        };
        (await Api.PostAsJsonAsync("/api/rules", rule)).EnsureSuccessStatusCode();
    }
}
