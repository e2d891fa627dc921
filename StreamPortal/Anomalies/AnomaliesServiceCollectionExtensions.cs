using StreamPortal.Hosting;

namespace StreamPortal.Anomalies;

public static class AnomaliesServiceCollectionExtensions
{
    /// <summary>The thresholds (validated), the detector (feed subscriber and sweeps), its queries, feed and metric.</summary>
    public static IServiceCollection AddAnomalies(this IServiceCollection services)
    {
        services.AddValidatedOptions<AnomalyOptions, ValidateAnomalyOptions>(AnomalyOptions.Section);
        services.AddSingleton<AnomalySettings>();
        services.AddSingleton<AnomalyQueries>();
        services.AddSingleton<AnomalyFeed>();
        services.AddSingleton<AnomalyDetector>();
        services.AddHostedService(sp => sp.GetRequiredService<AnomalyDetector>());
        services.AddSingleton<AnomalyMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<AnomalyMetrics>());
        return services;
    }
}
