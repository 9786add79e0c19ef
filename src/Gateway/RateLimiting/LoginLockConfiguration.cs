using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.RateLimiting;

internal sealed class LoginLockConfiguration : IEntityTypeConfiguration<LoginLock>
{
    public void Configure(EntityTypeBuilder<LoginLock> builder)
    {
        builder.ToTable("LoginLocks");
        builder.HasKey(loginLock => loginLock.Key);
        builder.Property(loginLock => loginLock.Key).HasMaxLength(LoginBudgetKeys.MaxLength);
        builder.HasIndex(loginLock => loginLock.Until);
    }
}
