namespace Gateway.ScaleOut.Infrastructure;

/// <summary>What one CLI run left behind: its exit code and both output streams.</summary>
internal sealed record AdminResult(int ExitCode, string Out, string Error);
