using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using StreamPortal.Auth;
using StreamPortal.Hosting;
using StreamPortal.Ingest;

namespace StreamPortal.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>Policy of the scrape endpoint: an API key only (a scraper has no login cookie), answered 401, never redirected.</summary>
    public const string ScrapePolicy = "MetricsScrape";

    /// <summary>
    /// The portal's meters (this folder's <see cref="PortalMetrics"/> and the writer's <see cref="IngestMetrics"/>),
    /// collected by OpenTelemetry for the Prometheus endpoint mapped by <see cref="MetricsEndpoints.MapPortalMetrics"/>.
    /// </summary>
    /// <summary>
    /// .NET's own meter (built in since .NET 9): GC collections and pause time, heap sizes, thread pool queue, JIT,
    /// working set. A stalled hook tail is read against these (a long GC pause stops every hook at once).
    /// </summary>
    internal const string RuntimeMeterName = "System.Runtime";

    public static IServiceCollection AddPortalMetrics(this IServiceCollection services)
    {
        services.AddValidatedOptions<MetricsOptions, ValidateMetricsOptions>(MetricsOptions.Section);
        services.AddSingleton<PortalMetrics>();
        services.AddOpenTelemetry()
            // target_info's service_name: without it the exporter says unknown_service:dotnet.
            .ConfigureResource(resource => resource.AddService("StreamPortal"))
            .WithMetrics(metrics => metrics
            .AddMeter(PortalMetrics.MeterName, IngestMetrics.MeterName, RuntimeMeterName)
            .AddPrometheusExporter());
        services.AddAuthorizationBuilder()
            .AddPolicy(ScrapePolicy, p => p.AddAuthenticationSchemes(PortalRoles.ApiKeyScheme).RequireAuthenticatedUser());
        return services;
    }
}
