using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StreamPortal.Data.Entities;

namespace StreamPortal.Data.Configurations;

internal sealed class ConnectPolicyConfiguration : IEntityTypeConfiguration<ConnectPolicy>
{
    public void Configure(EntityTypeBuilder<ConnectPolicy> e)
    {
        e.ToTable("ConnectPolicies");
        e.HasKey(x => x.AppKey);
    }
}
