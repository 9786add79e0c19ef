using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Oidc.Logout;

internal sealed class AcceptedLogoutTokenConfiguration : IEntityTypeConfiguration<AcceptedLogoutToken>
{
    public void Configure(EntityTypeBuilder<AcceptedLogoutToken> builder)
    {
        builder.ToTable("AcceptedLogoutTokens");
        builder.HasKey(token => token.Id);
        builder.Property(token => token.Id).HasMaxLength(64);
        builder.HasIndex(token => token.ForgetAt);
    }
}
