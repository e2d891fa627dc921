using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using StreamPortal.Hooks;

namespace StreamPortal.Simulator;

/// <summary>
/// The default target of API and console runs: this portal's own hook endpoint for app <c>sim</c>, at the address it
/// listens on (a loopback one when it has one, so the hooks never leave the machine).
/// </summary>
public sealed class SelfHookUrl(IServer server, IOptions<HookOptions> hooks)
{
    /// <summary>e.g. http://127.0.0.1:5022/rest/sim; null while the server has no address (not started).</summary>
    public string? Get()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bases = addresses.Select(Loopback).OfType<Uri>().ToList();
        var best = bases.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp && u.IsLoopback) ?? bases.FirstOrDefault(u => u.IsLoopback) ?? bases.FirstOrDefault();
        return best is null ? null : $"{best.GetLeftPart(UriPartial.Authority)}/{hooks.Value.RoutePrefix.Trim('/')}/{SimulationOptions.AppKey}";
    }

    /// <summary>A listening address as a URL to call: wildcard hosts (0.0.0.0, [::], +, *) are reached at 127.0.0.1.</summary>
    private static Uri? Loopback(string address)
    {
        var text = address.Replace("://+:", "://127.0.0.1:").Replace("://*:", "://127.0.0.1:")
            .Replace("://0.0.0.0:", "://127.0.0.1:").Replace("://[::]:", "://127.0.0.1:");
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }
}
