namespace Gateway.Users;

internal sealed class DemoOptions
{
    public const string SectionName = "Gateway:Demo";

    public const string UserName = "demo";

    /// <summary>Published in the README: a gateway with this user refuses to start outside Development.</summary>
    public const string Password = "gateway-demo-2026";

    /// <summary>Create the demo user (<c>demo</c>, password in the README) at start; default false.</summary>
    public bool Enabled { get; set; }
}
