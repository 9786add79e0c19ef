using System.Reflection;

namespace Gateway.E2E.Infrastructure;

/// <summary>The gateway's and the sample backend's build output, recorded in this assembly when it was built.</summary>
internal static class BuiltApps
{
    public static string Gateway => Find("GatewayDll");

    public static string SampleBackend => Find("SampleBackendDll");

    public static string SampleIdentityProvider => Find("SampleIdentityProviderDll");

    private static string Find(string key)
    {
        var path = typeof(BuiltApps).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; run `dotnet build Gateway.sln` first.", path);
    }
}
