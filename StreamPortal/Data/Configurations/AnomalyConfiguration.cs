using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class AnomalyConfiguration : IEntityTypeConfiguration<Anomaly>
{
    public void Configure(EntityTypeBuilder<Anomaly> e)
    {
        e.ToTable("Anomalies");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.SubjectType).HasMaxLength(16);
        // The page and the API list newest first, filtered by kind, by open or resolved and by subject.
        e.HasIndex(x => x.DetectedAtMs);
        e.HasIndex(x => new { x.Kind, x.ResolvedAtMs });
        e.HasIndex(x => x.Subject);
    }
}
