using System.Reflection;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Hosting;

/// <summary>
/// The gateway refuses to start on an ASP.NET Core runtime whose Data Protection has a known vulnerability
/// (CVE-2026-40372, fixed in 10.0.7): every cookie the gateway issues rests on it. The version is the one of the
/// Microsoft.AspNetCore.DataProtection assembly actually loaded (the shared framework's, unless an application ever
/// ships its own), read from its informational version: assembly versions stay 10.0.0.0 across patches.
/// </summary>
internal static class RuntimeFloor
{
    public static readonly Version Minimum = new(10, 0, 7);

    public const string Advisory = "CVE-2026-40372";

    /// <summary>Throws the one-line refusal when the loaded runtime is below the floor; called before anything starts.</summary>
    public static void EnsureSupported()
    {
        if (Refusal(LoadedVersion()) is { } refusal)
        {
            throw new GatewayStartupException(refusal);
        }
    }

    /// <summary>The informational version of the loaded Data Protection assembly, e.g. <c>10.0.12+commit</c>.</summary>
    public static string LoadedVersion() =>
        typeof(DataProtectionOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";

    /// <summary>The refusal for <paramref name="informationalVersion"/>, or null when it is at or above the floor.</summary>
    public static string? Refusal(string informationalVersion)
    {
        var release = informationalVersion.Split('+')[0];
        var dash = release.IndexOf('-', StringComparison.Ordinal);
        var isPrerelease = dash >= 0;
        if (!Version.TryParse(isPrerelease ? release[..dash] : release, out var version))
        {
            return $"Refusing to start: cannot tell the ASP.NET Core runtime's version ('{informationalVersion}'); " +
                $"Data Protection below {Minimum} has a known vulnerability ({Advisory}).";
        }

        // A prerelease comes before its release: 10.0.7-rc is not yet 10.0.7.
        var belowFloor = version < Minimum || (isPrerelease && version == Minimum);
        return belowFloor
            ? $"Refusing to start: the ASP.NET Core runtime {release} has a known vulnerability in Data Protection ({Advisory}); " +
                $"install the ASP.NET Core runtime {Minimum} or later."
            : null;
    }
}
