using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Oidc.Tokens;

internal sealed class ProviderClientTokenConfiguration : IEntityTypeConfiguration<ProviderClientToken>
{
    public void Configure(EntityTypeBuilder<ProviderClientToken> builder)
    {
        builder.ToTable("ProviderClientTokens");
        builder.HasKey(token => token.Key);
        builder.Property(token => token.Key).HasMaxLength(64);
        builder.Property(token => token.LeaseHolder).HasMaxLength(64);
    }
}
