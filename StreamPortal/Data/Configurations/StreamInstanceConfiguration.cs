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
        // LastSeenMs changes with every hook of a stream, so it is in one index only: every index holding it would
        // be rewritten per hook. Filters use single-column indexes and sort their (few) matches.
        e.HasIndex(x => x.Name);
        e.HasIndex(x => new { x.SessionId, x.Status });
        e.HasIndex(x => x.Status);
        e.HasIndex(x => x.AppKey);
        e.HasIndex(x => x.LastSeenMs);
    }
}
