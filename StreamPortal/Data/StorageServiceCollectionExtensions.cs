using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Queries;
using StreamPortal.Hosting;

namespace StreamPortal.Data;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The store (SQLite by default, or PostgreSQL by StreamPortal:Storage:Provider; migrated at start), its DbContext
    /// factory and the read queries.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        services.AddValidatedOptions<StorageOptions, ValidateStorageOptions>(StorageOptions.Section)
            .Configure<IConfiguration>((o, configuration) =>
            {
                if (configuration[StorageOptions.ProviderKey] is { } provider) o.Provider = provider;
            });
        services.AddSingleton<StorageConnection>();
        services.AddSingleton<SqlitePragmas>();
        services.AddSingleton<PostgresDataSource>();
        services.AddSingleton<PostgresSchema>();
        services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory>();
        // Data Protection's key store asks for the context itself, in a scope.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        services.AddSingleton<EventQueries>();
        services.AddSingleton<StreamQueries>();
        services.AddSingleton<SessionQueries>();
        services.AddSingleton<TimelineQueries>();
        services.AddStartupTask<MigrateDatabase>();
        return services;
    }
}
