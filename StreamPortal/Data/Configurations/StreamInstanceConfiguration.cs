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
        // LastSeenMs changes with every hook of a stream, so no index holds it (each would be rewritten per hook, a
        // random page write in every batch); lists are newest-first by FirstSeenMs, which is set once. Filters use
        // single-column indexes and sort their matches.
        e.HasIndex(x => x.Name);
        e.HasIndex(x => new { x.SessionId, x.Status });
        e.HasIndex(x => x.Status);
        e.HasIndex(x => x.AppKey);
        e.HasIndex(x => x.FirstSeenMs);
    }
}
