using Microsoft.EntityFrameworkCore;

namespace StreamPortal.Data;

/// <summary>
/// The PostgreSQL store: the same model as <see cref="PortalDbContext"/>, with its own migrations
/// (Data/Migrations/Postgres) and the few mapping choices that differ from SQLite's (below).
/// </summary>
public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        PostgresModel.Adapt(modelBuilder);
    }
}
