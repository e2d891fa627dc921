using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamPortal.Hosting;

namespace StreamPortal.Tests.Hosting;

/// <summary>Start tasks run once, schema first, then in registration order, and a failure stops the start.</summary>
public sealed class StartupTaskRunnerTests
{
    private sealed class Log : List<string>;

    private sealed class SeedRows(Log log) : IStartupTask
    {
        public StartupStage Stage => StartupStage.Data;
        public Task RunAsync(CancellationToken cancellationToken) { log.Add("seed"); return Task.CompletedTask; }
    }

    private sealed class LoadCache(Log log) : IStartupTask
    {
        public StartupStage Stage => StartupStage.Data;
        public Task RunAsync(CancellationToken cancellationToken) { log.Add("cache"); return Task.CompletedTask; }
    }

    private sealed class Migrate(Log log) : IStartupTask
    {
        public StartupStage Stage => StartupStage.Schema;
        public Task RunAsync(CancellationToken cancellationToken) { log.Add("migrate"); return Task.CompletedTask; }
    }

    private sealed class Broken : IStartupTask
    {
        public StartupStage Stage => StartupStage.Schema;
        public Task RunAsync(CancellationToken cancellationToken) => throw new InvalidOperationException("database refused");
    }

    /// <summary>A background service that notes whether the start tasks were done when it started.</summary>
    private sealed class Background(Log log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) { log.Add("background"); return Task.CompletedTask; }
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static IHost Host(Action<IServiceCollection> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Log>();
        configure(builder.Services);
        return builder.Build();
    }

    [Fact]
    public async Task Tasks_run_by_stage_then_registration_order_before_any_hosted_service_starts()
    {
        using var host = Host(services => services
            .AddHostedService<Background>() // registered first, still started after the tasks
            .AddStartupTask<SeedRows>()
            .AddStartupTask<LoadCache>()
            .AddStartupTask<Migrate>()
            .AddStartupTask<Migrate>()); // registered twice, run once
        await host.StartAsync();
        Assert.Equal(["migrate", "seed", "cache", "background"], host.Services.GetRequiredService<Log>());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_failing_task_stops_the_start()
    {
        using var host = Host(services => services.AddHostedService<Background>().AddStartupTask<Broken>().AddStartupTask<SeedRows>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        Assert.Equal("database refused", error.Message);
        Assert.Empty(host.Services.GetRequiredService<Log>());
    }
}
