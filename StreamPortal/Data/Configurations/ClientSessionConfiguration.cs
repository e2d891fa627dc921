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
        // As for streams: LastSeenMs changes with every hook, so no index holds it; lists go by FirstSeenMs.
        e.HasIndex(x => x.Status);
        e.HasIndex(x => x.AppKey);
        e.HasIndex(x => x.FirstSeenMs);
    }
}
