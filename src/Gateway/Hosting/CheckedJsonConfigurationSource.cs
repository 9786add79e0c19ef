using Gateway.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Hosting;

/// <summary>
/// A JSON settings file whose changes are applied only when they parse and name known keys. The framework's provider
/// empties its data when a changed file does not parse (every route gone) and throws on the watcher's thread (no
/// later change is ever seen); this one keeps the last good data, logs why, and goes on watching.
/// </summary>
internal sealed class CheckedJsonConfigurationSource(ConfigurationSchema schema, ConfigurationReloads reloads) : JsonConfigurationSource
{
    public override IConfigurationProvider Build(IConfigurationBuilder builder)
    {
        EnsureDefaults(builder);
        return new Provider(this, schema, reloads);
    }

    private sealed class Provider(CheckedJsonConfigurationSource source, ConfigurationSchema schema, ConfigurationReloads reloads)
        : JsonConfigurationProvider(source)
    {
        private byte[]? _lastRead;

        public override void Load(Stream stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var contents = copy.ToArray();
            copy.Position = 0;
            if (_lastRead is null)
            {
                // At start a file that does not parse stops the gateway (Program prints the one line); unknown keys
                // are checked once every source is loaded, so that an environment variable's typo is found too.
                base.Load(copy);
                _lastRead = contents;
                return;
            }

            // One save often raises two change events (truncate, write): the same contents are applied, or
            // refused, and logged, once.
            if (contents.AsSpan().SequenceEqual(_lastRead))
            {
                return;
            }

            _lastRead = contents;
            var lastGood = Data;
            var file = source.FileProvider?.GetFileInfo(source.Path ?? "").PhysicalPath ?? source.Path ?? "";
            try
            {
                base.Load(copy);
            }
            catch (FormatException exception)
            {
                Data = lastGood;
                reloads.Refused(StartupFailure.ConfigurationFileError(file, exception));
                return;
            }

            var unknown = schema.FindUnknown(Data.Keys);
            if (unknown.Count > 0)
            {
                Data = lastGood;
                reloads.Refused($"{file}: {UnknownSetting.Describe(unknown)}");
                return;
            }

            reloads.Reloaded(file);
        }
    }
}
