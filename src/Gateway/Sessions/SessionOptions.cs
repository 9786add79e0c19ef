namespace Gateway.Sessions;

internal sealed class SessionOptions
{
    public const string SectionName = "Gateway:Sessions";

    /// <summary>How often revocations made by other instances (or the CLI) are read; default 1 s.</summary>
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
