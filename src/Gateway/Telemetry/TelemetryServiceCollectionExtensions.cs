using Gateway.Configuration;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gateway.Telemetry;

internal static class TelemetryServiceCollectionExtensions
{
    private const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// OpenTelemetry: the gateway's meter, ASP.NET Core's, HttpClient's (YARP's forwarding included) and the runtime's
    /// metrics; traces of ASP.NET Core, HttpClient and YARP. What is measured is registered always, so any exporter
    /// sees the same (a test's in-memory one too); the SDK itself runs only when something exports: Prometheus on
    /// <c>Gateway:Telemetry:PrometheusPort</c>, OTLP (metrics, traces and logs) when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is set, configured by the standard <c>OTEL_*</c> variables. Neither: no listener, no cost.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.SectionName);
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(TelemetrySources.Meters)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddRuntimeInstrumentation()
            .AddView(instrument => TelemetrySources.IsDroppedPerRequestInstrument(instrument.Name) ? MetricStreamConfiguration.Drop : null));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddSource(TelemetrySources.Yarp));

        var prometheusPort = builder.Configuration.GetValue<int?>($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.PrometheusPort)}");
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpoint]);
        if (prometheusPort is null && !otlp)
        {
            return builder;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? TelemetrySources.ServiceName))
            .WithMetrics();
        if (prometheusPort is { } port)
        {
            var endpoint = new PrometheusEndpoint(port);
            endpoint.Listen(builder);
            services.AddSingleton(endpoint);
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        if (otlp)
        {
            telemetry.WithTracing().WithLogging().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>First in the pipeline: the Prometheus port answers <c>GET /metrics</c> and nothing else.</summary>
    public static IApplicationBuilder UseGatewayTelemetry(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetService<PrometheusEndpoint>() is not { } endpoint)
        {
            return app;
        }

        return app.UseWhen(endpoint.Serves, metricsPort =>
        {
            metricsPort.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == PrometheusEndpoint.Path);
            metricsPort.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }
}
