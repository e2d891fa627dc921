namespace StreamPortal.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>The rule engine as the hook responder, the services on rules and policies, and the start-up load of both.</summary>
    public static IServiceCollection AddPortalRules(this IServiceCollection services)
    {
        services.AddSingleton<IRandomSource, SharedRandomSource>();
        services.AddSingleton<RuleEngine>();
        services.AddSingleton<IHookResponder>(sp => sp.GetRequiredService<RuleEngine>());
        services.AddSingleton<RuleSnapshotLoader>();
        services.AddSingleton<RuleEffects>();
        services.AddSingleton<RuleService>();
        services.AddSingleton<ConnectPolicyService>();
        services.AddSingleton<RuleDryRun>();
        services.AddHostedService<RulesLoader>();
        return services;
    }
}

/// <summary>Loads the snapshot before the server takes hooks (hosted services start before Kestrel listens).</summary>
internal sealed class RulesLoader(RuleSnapshotLoader loader) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => loader.ReloadAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
