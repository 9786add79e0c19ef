using Gateway.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Oidc.Tokens;

internal sealed class ProviderGrantConfiguration : IEntityTypeConfiguration<ProviderGrant>
{
    public void Configure(EntityTypeBuilder<ProviderGrant> builder)
    {
        builder.ToTable("ProviderGrants");
        builder.HasKey(grant => grant.SessionId);
        builder.Property(grant => grant.SessionId).HasMaxLength(64);
        builder.Property(grant => grant.Subject).HasMaxLength(SessionConfiguration.MaxUserIdLength);
        builder.Property(grant => grant.ProviderSessionId).HasMaxLength(255);
        builder.Property(grant => grant.LeaseHolder).HasMaxLength(64);
        builder.HasOne<Session>().WithOne().HasForeignKey<ProviderGrant>(grant => grant.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(grant => grant.Subject);
        builder.HasIndex(grant => grant.ProviderSessionId);
    }
}
