using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class ResponseRuleConfiguration : IEntityTypeConfiguration<ResponseRule>
{
    public void Configure(EntityTypeBuilder<ResponseRule> e)
    {
        e.ToTable("Rules");
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).IsRequired().HasMaxLength(200);
        e.HasIndex(x => x.Order);
    }
}
