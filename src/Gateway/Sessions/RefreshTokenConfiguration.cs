using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Sessions;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.HasKey(token => token.Hash);
        builder.Property(token => token.Hash).HasMaxLength(64);
        builder.Property(token => token.SessionId).HasMaxLength(64);
        builder.Property(token => token.SuccessorHash).HasMaxLength(64);
        builder.HasOne<Session>().WithMany().HasForeignKey(token => token.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(token => token.SessionId);
        builder.HasIndex(token => token.ExpiresAt);
    }
}
