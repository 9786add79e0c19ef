using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Observability;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(audit => audit.Id);
        builder.Property(audit => audit.Id).ValueGeneratedOnAdd();
        builder.Property(audit => audit.Type).HasMaxLength(48);

        // Wide enough for an OpenID Provider's sub (255, OIDC Core section 2) and name (Sessions/SessionConfiguration).
        builder.Property(audit => audit.UserId).HasMaxLength(255);
        builder.Property(audit => audit.UserName).HasMaxLength(128);
        builder.Property(audit => audit.SessionId).HasMaxLength(64);
        builder.Property(audit => audit.Ip).HasMaxLength(64);
        builder.Property(audit => audit.UserAgent).HasMaxLength(256);
        builder.Property(audit => audit.Detail).HasMaxLength(256);
        builder.HasIndex(audit => audit.At);
        builder.HasIndex(audit => audit.UserId);
    }
}
