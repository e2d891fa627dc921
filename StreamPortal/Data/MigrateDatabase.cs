using Microsoft.EntityFrameworkCore;
using StreamPortal.Hosting;

namespace StreamPortal.Data;

/// <summary>Creates or upgrades the database before anything else reads it.</summary>
public sealed class MigrateDatabase(IDbContextFactory<PortalDbContext> contexts) : IStartupTask
{
    public StartupStage Stage => StartupStage.Schema;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }
}
