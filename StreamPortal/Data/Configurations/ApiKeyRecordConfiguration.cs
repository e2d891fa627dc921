using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class ApiKeyRecordConfiguration : IEntityTypeConfiguration<ApiKeyRecord>
{
    public void Configure(EntityTypeBuilder<ApiKeyRecord> e)
    {
        e.ToTable("ApiKeys");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.KeyHash).IsUnique();
    }
}
