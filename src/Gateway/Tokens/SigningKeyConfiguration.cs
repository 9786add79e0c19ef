using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Tokens;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("SigningKeys");
        builder.HasKey(key => key.Kid);
        builder.Property(key => key.Kid).HasMaxLength(64);
        builder.Property(key => key.Algorithm).HasMaxLength(16);
        builder.HasIndex(key => key.Generation).IsUnique();
    }
}
