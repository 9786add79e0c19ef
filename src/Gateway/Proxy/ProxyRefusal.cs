namespace Gateway.Proxy;

/// <summary>A request feature marking a proxied request the gateway answered itself (CSRF, no session): nothing was forwarded.</summary>
internal sealed class ProxyRefusal
{
    public static readonly ProxyRefusal Instance = new();

    private ProxyRefusal()
    {
    }
}
