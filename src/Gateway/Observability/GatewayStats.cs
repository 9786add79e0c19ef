namespace Gateway.Observability;

/// <summary>What <c>/_gateway/stats</c> answers.</summary>
internal sealed record GatewayStats(long DatabaseCommands, long WorkingSetBytes, long ManagedHeapBytes, long AllocatedBytes);
