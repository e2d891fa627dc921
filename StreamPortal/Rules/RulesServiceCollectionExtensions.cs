using StreamPortal.Hosting;

namespace StreamPortal.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>The rule engine as the hook responder, the services on rules and policies, the pass-through switch, and their start-up loads.</summary>
    public static IServiceCollection AddRules(this IServiceCollection services)
    {
        services.AddValidatedOptions<RuleOptions, ValidateRuleOptions>(RuleOptions.Section);
        services.AddSingleton<IRandomSource, SharedRandomSource>();
        services.AddSingleton<RuleEngine>();
        services.AddSingleton<IHookResponder>(sp => sp.GetRequiredService<RuleEngine>());
        services.AddSingleton<RuleSnapshotLoader>();
        services.AddSingleton<RuleEffects>();
        services.AddSingleton<RuleService>();
        services.AddSingleton<ConnectPolicyService>();
        services.AddSingleton<RuleDryRun>();
        services.AddSingleton<RuleSuggestions>();
        services.AddSingleton<LiveSessionPolicies>();
        services.AddSingleton<PassThroughSwitch>();
        services.AddStartupTask<LoadPassThrough>();
        services.AddStartupTask<LoadRules>();
        return services;
    }
}

/// <summary>The switch as last set, before the first hook: a restart must not silently turn it off.</summary>
internal sealed class LoadPassThrough(PassThroughSwitch passThrough) : IStartupTask
{
    public StartupStage Stage => StartupStage.Data;
    public Task RunAsync(CancellationToken cancellationToken) => passThrough.LoadAsync(cancellationToken);
}

/// <summary>The rules and policies snapshot, before the first hook: the hook path never reads them from the database.</summary>
internal sealed class LoadRules(RuleSnapshotLoader loader) : IStartupTask
{
    public StartupStage Stage => StartupStage.Data;
    public Task RunAsync(CancellationToken cancellationToken) => loader.ReloadAsync(cancellationToken);
}
