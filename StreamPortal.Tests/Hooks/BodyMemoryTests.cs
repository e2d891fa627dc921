using System.Diagnostics.Metrics;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hooks;

/// <summary>A declared Content-Length costs memory only as its bytes arrive (finding: 1 MiB allocated per declaration).</summary>
public sealed class BodyMemoryTests : PortalTest
{
    private const int Connections = 200;
    private const int Declared = 1024 * 1024;

    [Fact]
    public async Task Many_slow_bodies_declaring_1_MiB_do_not_allocate_it_up_front()
    {
        Factory.Settings["StreamPortal:Hooks:MaxBodyBytes"] = (2 * Declared).ToString();
        var baseAddress = Factory.StartOnLoopback();
        using var active = new ActiveRequests(Factory);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        var connections = new List<RawConnection>();
        try
        {
            for (var i = 0; i < Connections; i++)
            {
                var connection = await RawConnection.OpenAsync(baseAddress);
                await connection.SendAsync(RawConnection.Head("/rest/my_api/StreamStatusEvent", $"Content-Length: {Declared}\r\n"));
                await connection.SendAsync("""{"sessionId":"slow","sdp":"v=0""");
                connections.Add(connection);
            }
            // Every request is in its handler, waiting for the rest of its body.
            await LoopbackServer.WaitForAsync(() => active.Count >= Connections, TimeSpan.FromSeconds(20), $"{Connections} requests in flight");
            var during = GC.GetTotalMemory(forceFullCollection: true);

            // 200 MiB up front before; a few KiB per connection now.
            Assert.True(during - before < 48L * 1024 * 1024, $"Managed memory grew by {(during - before) / (1024 * 1024)} MiB for {Connections} slow bodies.");
        }
        finally
        {
            foreach (var c in connections) c.Dispose();
        }
    }

    /// <summary>The app's http.server.active_requests, from its own meters only (other test classes run alongside).</summary>
    private sealed class ActiveRequests : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public ActiveRequests(PortalFactory factory)
        {
            var meters = (IMeterFactory)factory.Services.GetService(typeof(IMeterFactory))!;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "http.server.active_requests" && instrument.Meter.Scope == meters) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
