using System.Reflection;

namespace Gateway.ScaleOut.Infrastructure;

/// <summary>Where the repository and the built gateway are, as the build recorded them.</summary>
internal static class Paths
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string GatewayAssembly
    {
        get
        {
            var path = Metadata("GatewayAssembly");
            return File.Exists(path) ? path : throw new InvalidOperationException($"The gateway is not built at {path}: build Gateway.sln first.");
        }
    }

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}
