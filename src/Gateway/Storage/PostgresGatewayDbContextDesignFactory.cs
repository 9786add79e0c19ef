using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gateway.Storage;

/// <summary>Lets <c>dotnet ef migrations add --context PostgresGatewayDbContext</c> build the context without the host or a server.</summary>
internal sealed class PostgresGatewayDbContextDesignFactory : IDesignTimeDbContextFactory<PostgresGatewayDbContext>
{
    public PostgresGatewayDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGatewayDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
