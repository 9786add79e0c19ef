using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.RateLimiting;

internal sealed class LoginAttemptConfiguration : IEntityTypeConfiguration<LoginAttempt>
{
    public void Configure(EntityTypeBuilder<LoginAttempt> builder)
    {
        builder.ToTable("LoginAttempts");
        builder.HasKey(attempt => attempt.Id);
        builder.Property(attempt => attempt.Id).ValueGeneratedOnAdd();
        builder.Property(attempt => attempt.Key).HasMaxLength(LoginBudgetKeys.MaxLength);
        builder.HasIndex(attempt => new { attempt.Key, attempt.ExpiresAt });
        builder.HasIndex(attempt => attempt.ExpiresAt);
    }
}
