using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gateway.Users;

internal sealed class SignInNetworkConfiguration : IEntityTypeConfiguration<SignInNetwork>
{
    public void Configure(EntityTypeBuilder<SignInNetwork> builder)
    {
        builder.ToTable("SignInNetworks");
        builder.HasKey(network => new { network.UserId, network.Network });
        builder.Property(network => network.UserId).HasMaxLength(64);
        builder.Property(network => network.Network).HasMaxLength(64);
        builder.HasIndex(network => network.LastSucceededAt);
        builder.HasOne<User>().WithMany().HasForeignKey(network => network.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
