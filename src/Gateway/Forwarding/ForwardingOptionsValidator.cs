using Microsoft.Extensions.Options;

namespace Gateway.Forwarding;

/// <summary>
/// Refuses addresses that do not parse, a forward limit below one, and ASP.NET Core's own switch
/// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>) without trusted proxies: that switch alone trusts
/// <c>X-Forwarded-For</c> from every client, which would let anyone pick the address the per-IP limit, the audit
/// trail and the device list see.
/// </summary>
internal sealed class ForwardingOptionsValidator(IConfiguration configuration) : IValidateOptions<ForwardingOptions>
{
    /// <summary>The configuration key behind <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> (read by the default web host).</summary>
    public const string FrameworkSwitchKey = "ForwardedHeaders_Enabled";

    public ValidateOptionsResult Validate(string? name, ForwardingOptions options)
    {
        var invalid = TrustedPeers.From(options).Invalid;
        if (invalid.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"{ForwardingOptions.SectionName} must hold IP addresses (KnownProxies) and CIDR ranges like 10.0.0.0/16 (KnownNetworks): {string.Join(", ", invalid)}");
        }

        if (options.ForwardLimit is < 1 or > 100)
        {
            return ValidateOptionsResult.Fail($"{ForwardingOptions.SectionName}:ForwardLimit must be between 1 and 100 when set.");
        }

        return IsFrameworkSwitchOn(configuration) && !options.HasTrustedPeers
            ? ValidateOptionsResult.Fail(
                $"Refusing to start: ASPNETCORE_FORWARDEDHEADERS_ENABLED=true trusts X-Forwarded-For from every client; set {ForwardingOptions.SectionName}:KnownProxies or KnownNetworks to your load balancer's addresses instead (the gateway reads forwarded headers itself).")
            : ValidateOptionsResult.Success;
    }

    public static bool IsFrameworkSwitchOn(IConfiguration configuration) =>
        string.Equals(configuration[FrameworkSwitchKey], "true", StringComparison.OrdinalIgnoreCase);
}
