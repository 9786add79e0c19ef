using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Gateway.Oidc.Provider;

/// <summary>
/// The one <c>HttpClient</c> the gateway talks to its OP with: every call bounded by <c>ProviderTimeout</c>, reads
/// (metadata, keys) retried after a transient failure, and nothing else retried: a repeated refresh request would
/// present a refresh token the OP may already have rotated, a repeated code redemption a used code.
/// </summary>
internal static class ProviderHttp
{
    public const string ClientName = "Gateway.Oidc.Provider";

    public static IServiceCollection AddProviderHttp(this IServiceCollection services)
    {
        services.AddHttpClient(ClientName, client =>
            {
                // The resilience pipeline below bounds each call; the client's own timeout only backs it up.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Gateway-OIDC/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // The OP's answers are never followed elsewhere: a redirect would carry the client secret to whoever asked for it.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddResilienceHandler("provider", (pipeline, context) =>
            {
                var timeout = context.ServiceProvider.GetRequiredService<IOptions<OidcOptions>>().Value.ProviderTimeout;

                // Network timeouts are real time, whatever clock the gateway's rules run on (tests move a fake one).
                pipeline.TimeProvider = TimeProvider.System;
                pipeline.AddTimeout(timeout);
                var retry = new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(100),
                    BackoffType = DelayBackoffType.Constant,
                    UseJitter = false,
                };
                retry.DisableForUnsafeHttpMethods();
                pipeline.AddRetry(retry);
            });
        return services;
    }
}
