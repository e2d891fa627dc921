using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data;

/// <summary>Also holds the Data Protection keys (see Hosting/PortalDataProtection.cs).</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
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
