using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Queries;
using StreamPortal.Hosting;

namespace StreamPortal.Data;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The SQLite database (migrated at start), its DbContext factory and the read queries.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, ValidateStorageOptions>(StorageOptions.Section);
        services.AddSingleton<StorageConnection>();
        services.AddSingleton<SqlitePragmas>();
        services.AddDbContextFactory<PortalDbContext>((sp, o) => o
            .UseSqlite(sp.GetRequiredService<StorageConnection>().ConnectionString)
            .AddInterceptors(sp.GetRequiredService<SqlitePragmas>()));
        services.AddSingleton<EventQueries>();
        services.AddSingleton<StreamQueries>();
        services.AddSingleton<SessionQueries>();
        services.AddSingleton<TimelineQueries>();
        services.AddStartupTask<MigrateDatabase>();
        return services;
    }
}
