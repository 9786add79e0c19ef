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
        builder.Property(audit => audit.UserId).HasMaxLength(64);
        builder.Property(audit => audit.UserName).HasMaxLength(64);
        builder.Property(audit => audit.SessionId).HasMaxLength(64);
        builder.Property(audit => audit.Ip).HasMaxLength(64);
        builder.Property(audit => audit.UserAgent).HasMaxLength(256);
        builder.Property(audit => audit.Detail).HasMaxLength(256);
        builder.HasIndex(audit => audit.At);
        builder.HasIndex(audit => audit.UserId);
    }
}
