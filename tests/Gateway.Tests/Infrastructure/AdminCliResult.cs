namespace Gateway.Tests.Infrastructure;

/// <summary>What one CLI run left behind: its exit code and both output streams.</summary>
internal sealed record AdminCliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Standard error split into lines; empty when nothing was written.</summary>
    public IReadOnlyList<string> ErrorLines =>
        Error.Length == 0 ? [] : Error.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Standard output rows split into cells on runs of spaces (the CLI's aligned table).</summary>
    public IReadOnlyList<string[]> Rows =>
        Out.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();
}
