using Microsoft.EntityFrameworkCore;

namespace Gateway.Storage;

/// <summary>The PostgreSQL flavour of the context; its type names the PostgreSQL migration set.</summary>
internal sealed class PostgresGatewayDbContext(DbContextOptions<PostgresGatewayDbContext> options) : GatewayDbContext(options);
