namespace StreamPortal.Export;

public static class ExportServiceCollectionExtensions
{
    /// <summary>Event export (NDJSON, CSV) and bug-report bundles (export and import).</summary>
    public static IServiceCollection AddExport(this IServiceCollection services)
    {
        services.AddSingleton<EventExporter>();
        services.AddSingleton<EventExportWriter>();
        services.AddSingleton<BundleExporter>();
        services.AddSingleton<BundleImporter>();
        return services;
    }
}
