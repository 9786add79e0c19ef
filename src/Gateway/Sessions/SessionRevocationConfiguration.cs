using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Sessions;

internal sealed class SessionRevocationConfiguration : IEntityTypeConfiguration<SessionRevocation>
{
    public void Configure(EntityTypeBuilder<SessionRevocation> builder)
    {
        builder.ToTable("SessionRevocations");
        builder.HasKey(revocation => revocation.Seq);
        builder.Property(revocation => revocation.Seq).ValueGeneratedOnAdd();
        builder.Property(revocation => revocation.SessionId).HasMaxLength(64);
        builder.HasIndex(revocation => revocation.RevokedAt);
    }
}
