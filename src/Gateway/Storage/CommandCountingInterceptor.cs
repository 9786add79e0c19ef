using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gateway.Storage;

/// <summary>Counts EF Core's commands into <see cref="GatewayDatabase.CommandsExecuted"/>.</summary>
internal sealed class CommandCountingInterceptor(GatewayDatabase database) : DbCommandInterceptor
{
    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        database.CountCommand();
        return result;
    }
}
