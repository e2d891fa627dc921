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
        // Most starts find every migration applied. Migrate() would still take its lock and compare the whole model
        // with the last migration's snapshot (the pending-model-changes check), which was the largest single cost of
        // a start; the history table alone says there is nothing to do.
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        if (db.Database.GetMigrations().All(applied.Contains)) return;
        await db.Database.MigrateAsync(cancellationToken);
    }
}
