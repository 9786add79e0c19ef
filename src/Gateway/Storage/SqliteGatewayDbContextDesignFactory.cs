using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Gateway.Storage;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteGatewayDbContext</c> build the context without the host.</summary>
internal sealed class SqliteGatewayDbContextDesignFactory : IDesignTimeDbContextFactory<SqliteGatewayDbContext>
{
    public SqliteGatewayDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGatewayDbContext>().UseSqlite("Data Source=design.db").Options);
}
