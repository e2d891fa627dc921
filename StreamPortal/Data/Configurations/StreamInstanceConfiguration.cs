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
        // single-column indexes and sort their matches, but for the console's commonest, an app's publishers or
        // players: that one is read in list order from one index and counted from it alone (at 10,000,000 events,
        // 12,672 streams of one app key were each read for Published and sorted: 59 ms for a page).
        e.HasIndex(x => x.Name);
        e.HasIndex(x => new { x.SessionId, x.Status });
        e.HasIndex(x => x.Status);
        e.HasIndex(x => new { x.AppKey, x.Published, x.FirstSeenMs });
        e.HasIndex(x => x.FirstSeenMs);
    }
}
