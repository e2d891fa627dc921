using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StreamPortal.Tests.WcsApi;

/// <summary>
/// A stand-in for a WCS node's REST API on real Kestrel at 127.0.0.1: <c>POST /rest-api/stream/find_all</c> answers what
/// <see cref="Answer"/> writes (by default the JSON array of <see cref="Streams"/>), so a test can make it slow or huge.
/// </summary>
public sealed class WcsNodeStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    public List<(string MediaSessionId, string Name, string Status, bool Published)> Streams { get; } = [];

    public int Requests;

    /// <summary>Writes the answer; default: 200 with the streams as WCS lists them.</summary>
    public Func<HttpContext, Task>? Answer { get; set; }

    private WcsNodeStandIn(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<WcsNodeStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var node = new WcsNodeStandIn(app);
        app.MapPost("/rest-api/stream/find_all", async (HttpContext http) =>
        {
            Interlocked.Increment(ref node.Requests);
            if (node.Answer is { } answer) { await answer(http); return; }
            http.Response.ContentType = "application/json";
            var items = node.Streams.Select(s => new Dictionary<string, object>
            {
                ["mediaSessionId"] = s.MediaSessionId, ["name"] = s.Name, ["status"] = s.Status, ["published"] = s.Published,
                ["appKey"] = "defaultApp", ["hasVideo"] = true, ["mediaProvider"] = "WebRTC",
            });
            await http.Response.WriteAsJsonAsync(items);
        });
        await app.StartAsync();
        node.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}
