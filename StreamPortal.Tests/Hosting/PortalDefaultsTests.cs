using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StreamPortal.Hosting;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hosting;

/// <summary>What every feature relies on (Hosting/PortalDefaultsServiceCollectionExtensions).</summary>
public sealed class PortalDefaultsTests
{
    /// <summary>
    /// ASP.NET Core starts an Activity and a logging scope per request whenever its diagnostics category is enabled at
    /// any level: off, a hook costs neither, even where the configuration turns ASP.NET Core's logging up.
    /// </summary>
    [Fact]
    public async Task The_per_request_diagnostics_category_stays_off_and_hooks_are_answered()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        var response = await factory.CreateClient().PostHookAsync("connect", HookClient.ConnectionHook($"s-{Guid.NewGuid():N}"));
        Assert.Equal(200, (int)response.StatusCode);
        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(loggers.CreateLogger(PortalDefaultsServiceCollectionExtensions.HostingDiagnosticsCategory).IsEnabled(LogLevel.Critical));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Routing").IsEnabled(LogLevel.Debug));
    }
}
