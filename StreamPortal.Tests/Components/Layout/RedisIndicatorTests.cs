using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StreamPortal.Cluster;
using StreamPortal.Components.Layout;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Components.Layout;

/// <summary>The app bar's warning that the live view of other instances is degraded: shown in a cluster whose Redis is away, never otherwise.</summary>
public sealed class RedisIndicatorTests : ConsoleBunitContext
{
    [Fact]
    public void Nothing_is_shown_when_clustering_is_off()
    {
        var cut = Render<RedisIndicator>();
        Assert.Empty(cut.FindAll("[data-testid=redis-unreachable]"));
    }

}

/// <summary>A cluster whose Redis is away (nothing listens on port 1): the indicator alone, with MudBlazor.</summary>
public sealed class RedisIndicatorUnreachableTests : PortalBunitContext
{
    // The options skip the start validation (a cluster needs PostgreSQL); only the indicator is rendered.
    public RedisIndicatorUnreachableTests()
    {
        Services.AddSingleton(new ClusterRedis(Options.Create(new ClusterOptions { Redis = "127.0.0.1:1,connectTimeout=500", InstanceName = "ui" }), NullLogger<ClusterRedis>.Instance));
        // After the registration: the renderer is the first service resolved.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void The_warning_shows_while_the_clusters_redis_cannot_be_reached()
    {
        var cut = Render<RedisIndicator>();
        cut.WaitForAssertion(
            () => Assert.Contains("Redis unreachable", cut.Find("[data-testid=redis-unreachable]").TextContent),
            TimeSpan.FromSeconds(15));
    }
}
