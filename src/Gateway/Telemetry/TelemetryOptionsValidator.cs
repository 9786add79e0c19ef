using Microsoft.Extensions.Options;

namespace Gateway.Telemetry;

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.PrometheusPort is null or (>= 1 and <= 65535)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TelemetryOptions.SectionName}:PrometheusPort must be a port number (1 to 65535), or unset for no Prometheus endpoint.");
}
