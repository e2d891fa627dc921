namespace StreamPortal.Rules;

public static class RulesServiceCollectionExtensions
{
    /// <summary>The rule engine as the hook responder, its service, and the start-up load of rules and policies.</summary>
    public static IServiceCollection AddPortalRules(this IServiceCollection services)
    {
        services.AddSingleton<IRandomSource, SharedRandomSource>();
        services.AddSingleton<RuleEngine>();
        services.AddSingleton<IHookResponder>(sp => sp.GetRequiredService<RuleEngine>());
        services.AddSingleton<RuleService>();
        services.AddHostedService<RulesLoader>();
        return services;
    }
}

/// <summary>Loads the snapshot before the server takes hooks (hosted services start before Kestrel listens).</summary>
internal sealed class RulesLoader(RuleService service) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => service.ReloadAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
