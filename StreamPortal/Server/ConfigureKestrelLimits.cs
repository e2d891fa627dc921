using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace StreamPortal.Server;

/// <summary>Applies <see cref="ServerLimitsOptions"/> to Kestrel (what ConfigureKestrel does, from the options).</summary>
public sealed class ConfigureKestrelLimits(IOptions<ServerLimitsOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var o = options.Value;
        var limits = kestrel.Limits;
        limits.MaxConcurrentConnections = o.MaxConcurrentConnections;
        limits.MaxConcurrentUpgradedConnections = o.MaxConcurrentUpgradedConnections;
        limits.MaxRequestHeadersTotalSize = o.MaxRequestHeadersTotalSize;
        limits.MaxRequestHeaderCount = o.MaxRequestHeaderCount;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(o.RequestHeadersTimeoutSeconds);
        limits.KeepAliveTimeout = TimeSpan.FromSeconds(o.KeepAliveTimeoutSeconds);
        limits.MinRequestBodyDataRate = new MinDataRate(o.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(o.MinRequestBodyGraceSeconds));
    }
}
