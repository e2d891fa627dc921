using Microsoft.EntityFrameworkCore;

namespace StreamPortal.Data;

/// <summary>
/// The one IDbContextFactory&lt;PortalDbContext&gt; every consumer uses: it makes the configured provider's context
/// type (<see cref="PortalDbContext"/> on SQLite, <see cref="PostgresPortalDbContext"/> on PostgreSQL), so each gets
/// its own migrations while queries see one type.
/// </summary>
public sealed class PortalDbContextFactory : IDbContextFactory<PortalDbContext>
{
    private readonly Func<PortalDbContext> _create;

    public PortalDbContextFactory(IServiceProvider services, StorageConnection storage)
    {
        if (storage.IsPostgres)
        {
            var source = services.GetRequiredService<PostgresDataSource>().Source;
            var options = new DbContextOptionsBuilder<PostgresPortalDbContext>()
                .UseApplicationServiceProvider(services)
                .UseNpgsql(source)
                .Options;
            _create = () => new PostgresPortalDbContext(options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<PortalDbContext>()
                .UseApplicationServiceProvider(services)
                .UseSqlite(storage.ConnectionString)
                .AddInterceptors(services.GetRequiredService<SqlitePragmas>())
                .Options;
            _create = () => new PortalDbContext(options);
        }
    }

    public PortalDbContext CreateDbContext() => _create();
}
