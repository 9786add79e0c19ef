using Microsoft.Extensions.Configuration.Json;

namespace SampleIdentityProvider.Hosting;

internal static class ProviderConfigurationFiles
{
    /// <summary>The project's appsettings.json, copied to the output under this name.</summary>
    public const string FileName = "SampleIdentityProvider.appsettings.json";

    /// <summary>
    /// Reads the provider's own settings file from its output folder in place of the content root's
    /// <c>appsettings*.json</c>: a test project that references several web projects gets all their appsettings.json
    /// in one folder, and the provider must not read another project's. Environment variables and the command line
    /// still win over the file.
    /// </summary>
    public static void UseOwnSettingsFile(ConfigurationManager configuration)
    {
        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(source => source is JsonConfigurationSource);
        foreach (var json in sources.OfType<JsonConfigurationSource>().ToList())
        {
            sources.Remove(json);
        }

        var own = new JsonConfigurationSource { Path = Path.Combine(AppContext.BaseDirectory, FileName), Optional = true, ReloadOnChange = false };
        own.ResolveFileProvider();
        sources.Insert(index < 0 ? 0 : index, own);
    }
}
