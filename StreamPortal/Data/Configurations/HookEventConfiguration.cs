using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class HookEventConfiguration : IEntityTypeConfiguration<HookEvent>
{
    public void Configure(EntityTypeBuilder<HookEvent> e)
    {
        e.ToTable("Events");
        e.HasKey(x => x.Id);
        // A plain rowid key, without AUTOINCREMENT's extra bookkeeping write on every hook. The writer inserts without
        // an id and reads SQLite's; ids still only grow, as retention deletes the oldest events, never the newest.
        // (EF's own strategy switch is not kept by the migration snapshot, so EF is told the app supplies ids.)
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.App).IsRequired();
        e.Property(x => x.Method).IsRequired();
        e.Property(x => x.Kind).HasConversion<int>();
        // In SQLite every index ends with the rowid, so (NameKey) is already (NameKey, Id): "filter, newest first, page"
        // is one range scan. Each index costs the writer on every hook, so only the filters people use most get one;
        // the kind filter uses the method index; rare values (non-200 answers, rule hits, rejections) get small
        // partial indexes that ordinary hooks do not touch.
        e.HasIndex(x => x.Method);
        // App first: serves the app filter alone and the common "this app, this method" pair.
        e.HasIndex(x => new { x.AppKey, x.Method });
        // Stream, session and media session filters go through integer keys (see HookEvent.SessionKey), not the
        // strings: same answers, but the writer dirties a few shared pages per batch instead of one per hook and index.
        e.HasIndex(x => x.NameKey);
        e.HasIndex(x => x.SessionKey);
        e.HasIndex(x => x.MediaSessionKey);
        e.HasIndex(x => x.Status);
        e.HasIndex(x => x.ReceivedAtMs);
        e.HasIndex(x => x.AnswerStatus).HasDatabaseName("IX_Events_AnswerStatus_Not200").HasFilter("AnswerStatus <> 200");
        e.HasIndex(x => x.RuleId).HasFilter("RuleId IS NOT NULL");
        // Filters written the way EF writes the queries' terms, or SQLite cannot prove the partial index applies.
        e.HasIndex(x => x.Rejected).HasFilter("Rejected");
        // Duplicates and shadow refusals are rare: partial indexes that ordinary hooks never touch serve their filters.
        e.HasIndex(x => x.DuplicateOf).HasFilter("DuplicateOf IS NOT NULL");
        e.HasIndex(x => x.ShadowRefusal).HasFilter("ShadowRefusal IS NOT NULL");
    }
}
