using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class ClientSessionConfiguration : IEntityTypeConfiguration<ClientSession>
{
    public void Configure(EntityTypeBuilder<ClientSession> e)
    {
        e.ToTable("Sessions");
        e.HasKey(x => x.SessionId);
        e.HasIndex(x => new { x.Status, x.LastSeenMs });
        e.HasIndex(x => new { x.AppKey, x.LastSeenMs });
        e.HasIndex(x => x.LastSeenMs);
    }
}
