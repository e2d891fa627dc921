using Microsoft.EntityFrameworkCore;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data;

public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
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

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
}
