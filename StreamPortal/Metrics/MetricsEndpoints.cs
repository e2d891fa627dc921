using Microsoft.Extensions.Options;

namespace StreamPortal.Metrics;

public static class MetricsEndpoints
{
    /// <summary>
    /// GET {StreamPortal:Metrics:Path} (/metrics): the meters in Prometheus text format, behind an API key
    /// (X-Api-Key or Authorization: Bearer) unless StreamPortal:Metrics:Anonymous is true.
    /// </summary>
    public static IEndpointRouteBuilder MapPortalMetrics(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<MetricsOptions>>().Value;
        // Created now, not with the first hook: its observable gauges (queue depth, live subscribers) are scraped from the start.
        routes.ServiceProvider.GetRequiredService<PortalMetrics>();
        var scrape = routes.MapPrometheusScrapingEndpoint(options.Path).ExcludeFromDescription();
        if (options.Anonymous) scrape.AllowAnonymous();
        else scrape.RequireAuthorization(MetricsServiceCollectionExtensions.ScrapePolicy);
        return routes;
    }
}
