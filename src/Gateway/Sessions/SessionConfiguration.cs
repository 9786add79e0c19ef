using Gateway.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Sessions;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(session => session.Id);
        builder.Property(session => session.Id).HasMaxLength(64);
        builder.Property(session => session.UserId).HasMaxLength(64);
        builder.Property(session => session.UserAgent).HasMaxLength(SessionRequestInfo.MaxUserAgentLength);
        builder.Property(session => session.Ip).HasMaxLength(64);
        builder.Property(session => session.RevokedReason).HasMaxLength(32);
        builder.HasOne<User>().WithMany().HasForeignKey(session => session.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(session => session.UserId);
        builder.HasIndex(session => session.RefreshExpiresAt);
    }
}
