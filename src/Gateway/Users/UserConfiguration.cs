using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(user => user.Id);
        builder.Property(user => user.Id).HasMaxLength(64);
        builder.Property(user => user.Name).HasMaxLength(UserNameRules.MaxLength);
        builder.Property(user => user.NormalizedName).HasMaxLength(UserNameRules.MaxLength);
        builder.HasIndex(user => user.NormalizedName).IsUnique();

        // Roles are a JSON array in a text column on every provider, so the refresh path's raw SQL reads
        // them the same way everywhere.
        builder.Property(user => user.Roles)
            .HasConversion(
                roles => RoleList.ToJson(roles),
                json => RoleList.FromJson(json),
                new ValueComparer<IReadOnlyList<string>>(
                    (left, right) => left!.SequenceEqual(right!),
                    roles => roles.Aggregate(0, (hash, role) => HashCode.Combine(hash, role.GetHashCode(StringComparison.Ordinal))),
                    roles => roles.ToArray()));
    }
}
