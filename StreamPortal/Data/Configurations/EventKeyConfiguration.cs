using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class EventKeyConfiguration : IEntityTypeConfiguration<EventKey>
{
    public void Configure(EntityTypeBuilder<EventKey> e)
    {
        e.ToTable("EventKeys");
        e.HasKey(x => x.Id);
        // A rowid key without AUTOINCREMENT's extra write per new key; keys are never deleted, so never reused.
        e.Property(x => x.Id).ValueGeneratedNever();
        // One namespace for all three kinds: a key only ever stands for one string, which is all the filters need.
        e.HasIndex(x => x.Value).IsUnique();
    }
}
