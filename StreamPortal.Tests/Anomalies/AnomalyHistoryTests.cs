using StreamPortal.Anomalies;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Anomalies;

/// <summary>Stored anomalies outlive the process: an open one is still open after a restart and resolves there.</summary>
public sealed class AnomalyHistoryTests
{
    [Fact]
    public async Task An_open_anomaly_survives_a_restart_and_resolves_after_it()
    {
        await using var second = new AnomalyPortal();
        var (session, stream) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await using (var first = new AnomalyPortal())
        {
            first.Settings["ConnectionStrings:Portal"] = second.ConnectionString;
            await first.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "restart-cam", StreamStatus.Publishing));
            await first.HookAsync(KeepAlive.Method, HookClient.StreamHook(stream, session, "restart-cam", StreamStatus.Publishing));
            await first.SettleAsync(TimeSpan.FromSeconds(121));
            Assert.Single(await first.AnomaliesAsync($"&kind={AnomalyKind.StaleStream}&open=true"));
        }

        second.Time.Advance(TimeSpan.FromSeconds(200));
        var open = Assert.Single(await second.AnomaliesAsync($"&kind={AnomalyKind.StaleStream}&open=true"))!;
        Assert.Equal(stream, open["subject"]!.GetValue<string>());
        await second.HookAsync(WcsMethod.StreamStatusEvent, HookClient.StreamHook(stream, session, "restart-cam", StreamStatus.Unpublished));
        await second.SettleAsync();
        var resolved = Assert.Single(await second.AnomaliesAsync($"&kind={AnomalyKind.StaleStream}"))!;
        Assert.Equal(open["id"]!.GetValue<long>(), resolved["id"]!.GetValue<long>());
        Assert.NotNull(resolved["resolvedAt"]);
    }
}
