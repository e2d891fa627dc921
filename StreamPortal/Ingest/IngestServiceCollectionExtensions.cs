using StreamPortal.Hosting;

namespace StreamPortal.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>The hook queue, its group-commit writer, the WAL maintenance beside it, and the retention job.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddValidatedOptions<IngestOptions, ValidateIngestOptions>(IngestOptions.Section);
        services.AddValidatedOptions<RetentionOptions, ValidateRetentionOptions>(RetentionOptions.Section);
        services.AddMetrics();
        services.AddSingleton<IngestQueue>();
        services.AddSingleton(sp => new WriterChores(sp.GetRequiredService<IngestQueue>().Wake));
        services.AddSingleton<IngestMetrics>();
        services.AddSingleton<WriterStatus>();
        services.AddSingleton<BatchWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchWriter>());
        services.AddHostedService<StorageMaintenance>();
        services.AddSingleton<RetentionSettings>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }
}
