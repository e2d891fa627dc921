using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace StreamPortal.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>Tag of the checks /readyz runs; /healthz runs none (the process answering is the check).</summary>
    public const string Ready = "ready";

    /// <summary>Liveness and readiness checks: the database takes writes, the ingest writer keeps up.</summary>
    public static IServiceCollection AddPortalHealth(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseWritableCheck>();
        services.AddHealthChecks()
            .AddCheck<DatabaseWritableCheck>("database", tags: [Ready])
            .AddCheck<IngestWriterCheck>("ingest", tags: [Ready]);
        return services;
    }

    /// <summary>
    /// GET /healthz (alive) and /readyz (ready to take hooks; what load balancers should probe), anonymous, answering
    /// a status word only (no paths or exception texts). Short-circuited like the hooks: authentication, status pages
    /// and the console never run for a probe.
    /// </summary>
    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false })
            .ShortCircuit().AllowAnonymous().DisableHttpMetrics();
        routes.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) })
            .ShortCircuit().AllowAnonymous().DisableHttpMetrics();
        return routes;
    }
}
