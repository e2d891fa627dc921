using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data;

/// <summary>
/// Also holds the Data Protection keys (see Hosting/PortalDataProtection.cs). This type is the SQLite store and owns
/// the SQLite migrations (Data/Migrations, ids unchanged so existing files do not re-run them);
/// <see cref="PostgresPortalDbContext"/> derives from it with the PostgreSQL set (EF Core's one-context-type-per-provider
/// layout). Consumers always ask for IDbContextFactory&lt;PortalDbContext&gt; (see <see cref="PortalDbContextFactory"/>).
/// </summary>
public class PortalDbContext : DbContext, IDataProtectionKeyContext
{
    public PortalDbContext(DbContextOptions<PortalDbContext> options) : base(options) { }

    /// <summary>For the per-provider context types, whose options carry their own type.</summary>
    protected PortalDbContext(DbContextOptions options) : base(options) { }

    public DbSet<HookEvent> Events => Set<HookEvent>();
    public DbSet<EventKey> EventKeys => Set<EventKey>();
    public DbSet<StreamInstance> Streams => Set<StreamInstance>();
    public DbSet<ClientSession> Sessions => Set<ClientSession>();
    public DbSet<ResponseRule> Rules => Set<ResponseRule>();
    public DbSet<ConnectPolicy> ConnectPolicies => Set<ConnectPolicy>();
    public DbSet<PortalSetting> Settings => Set<PortalSetting>();
    public DbSet<PortalUser> Users => Set<PortalUser>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Anomaly> Anomalies => Set<Anomaly>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
}
