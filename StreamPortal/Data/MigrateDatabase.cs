using Microsoft.EntityFrameworkCore;
using StreamPortal.Hosting;

namespace StreamPortal.Data;

/// <summary>Creates or upgrades the database before anything else reads it.</summary>
public sealed class MigrateDatabase(IDbContextFactory<PortalDbContext> contexts, StorageConnection storage, IServiceProvider services) : IStartupTask
{
    public StartupStage Stage => StartupStage.Schema;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (storage.IsPostgres)
        {
            await services.GetRequiredService<PostgresSchema>().MigrateAsync(contexts, cancellationToken);
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Also on a database with every migration applied: MigrateAsync's pending-model-changes check is what refuses a
        // build whose model snapshot went wrong. (Skipping it on such starts was measured: no gain in CPU to first hook.)
        await db.Database.MigrateAsync(cancellationToken);
    }
}
