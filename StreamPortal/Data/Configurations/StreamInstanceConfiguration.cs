using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class StreamInstanceConfiguration : IEntityTypeConfiguration<StreamInstance>
{
    public void Configure(EntityTypeBuilder<StreamInstance> e)
    {
        e.ToTable("Streams");
        e.HasKey(x => x.MediaSessionId);
        e.HasIndex(x => new { x.Name, x.LastSeenMs });
        e.HasIndex(x => new { x.SessionId, x.Status });
        e.HasIndex(x => new { x.Status, x.LastSeenMs });
        e.HasIndex(x => new { x.AppKey, x.LastSeenMs });
        e.HasIndex(x => x.LastSeenMs);
    }
}
