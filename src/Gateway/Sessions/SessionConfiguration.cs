using Gateway.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Sessions;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    /// <summary>OIDC Core section 2: a <c>sub</c> is at most 255 ASCII characters.</summary>
    public const int MaxUserIdLength = 255;

    public const int MaxUserNameLength = 128;

    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(session => session.Id);
        builder.Property(session => session.Id).HasMaxLength(64);
        builder.Property(session => session.UserId).HasMaxLength(MaxUserIdLength);
        builder.Property(session => session.UserName).HasMaxLength(MaxUserNameLength);
        builder.Property(session => session.Roles)
            .HasConversion(
                roles => roles == null ? null : RoleList.ToJson(roles),
                json => json == null ? null : RoleList.FromJson(json),
                new ValueComparer<IReadOnlyList<string>?>(
                    (left, right) => left == null ? right == null : right != null && left.SequenceEqual(right),
                    roles => roles == null ? 0 : roles.Count,
                    roles => roles == null ? null : roles.ToArray()));
        builder.Property(session => session.UserAgent).HasMaxLength(SessionRequestInfo.MaxUserAgentLength);
        builder.Property(session => session.Ip).HasMaxLength(64);
        builder.Property(session => session.RevokedReason).HasMaxLength(32);

        // No foreign key to Users: in OpenID Connect mode the user is the OP's, with no local row. Removing a local
        // user ends their sessions explicitly (Admin/UserCommands) instead of by cascade.
        builder.HasIndex(session => session.UserId);
        builder.HasIndex(session => session.RefreshExpiresAt);
    }
}
