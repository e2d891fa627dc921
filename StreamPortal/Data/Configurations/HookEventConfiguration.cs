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
        e.Property(x => x.App).IsRequired();
        e.Property(x => x.Method).IsRequired();
        e.Property(x => x.Kind).HasConversion<int>();
        // Each filter is paired with Id so that "filter, newest first, page" is one index range scan.
        e.HasIndex(x => new { x.Method, x.Id });
        e.HasIndex(x => new { x.AppKey, x.Id });
        e.HasIndex(x => new { x.Name, x.Id });
        e.HasIndex(x => new { x.SessionId, x.Id });
        e.HasIndex(x => new { x.MediaSessionId, x.Id });
        e.HasIndex(x => new { x.Status, x.Id });
        e.HasIndex(x => new { x.AnswerStatus, x.Id });
        e.HasIndex(x => new { x.RuleId, x.Id });
        e.HasIndex(x => new { x.Kind, x.Id });
        e.HasIndex(x => x.ReceivedAtMs);
        e.HasIndex(x => new { x.Rejected, x.Id });
    }
}
