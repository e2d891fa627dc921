using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Anomalies;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Anomalies;

/// <summary>streamportal_anomalies_open{kind} on /metrics: one series per kind, the open count of each.</summary>
public sealed class AnomalyMetricsTests : PortalTest
{
    [Fact]
    public async Task An_open_late_hook_shows_in_the_gauge_of_its_kind()
    {
        var hooks = Factory.CreateClient();
        var (session, stream) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        (await hooks.PostHookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "metric-cam", StreamStatus.Stopped))).EnsureSuccessStatusCode();
        (await hooks.PostHookAsync(KeepAlive.Method, HookClient.StreamHook(stream, session, "metric-cam", StreamStatus.Publishing))).EnsureSuccessStatusCode();
        await Factory.Services.GetRequiredService<AnomalyDetector>().FlushAsync(default);

        var scraper = Factory.CreateApiClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string text;
        // The exporter caches a scrape briefly: ask again until the new value shows.
        while (true)
        {
            var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
            if (Line(text, AnomalyKind.LateHook) is { } line && line.EndsWith(" 1", StringComparison.Ordinal)) break;
            if (DateTime.UtcNow > deadline) Assert.Fail("No streamportal_anomalies_open{kind=\"lateHook\"} 1 in:\n" + text);
            await Task.Delay(100);
        }
        Assert.All(AnomalyKind.All.Where(k => k != AnomalyKind.LateHook), k => Assert.EndsWith(" 0", Line(text, k)));
    }

    private static string? Line(string text, string kind) =>
        text.Split('\n').FirstOrDefault(l => l.StartsWith("streamportal_anomalies_open{", StringComparison.Ordinal) && l.Contains($"kind=\"{kind}\"", StringComparison.Ordinal))?.Trim();
}
