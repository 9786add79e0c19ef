using Gateway.Configuration;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gateway.Forwarding;

internal static class ForwardingServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core's forwarded-headers middleware, trusting only the configured proxies (loopback by default).
    /// The framework's options are post-configured, so that even the middleware <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>
    /// adds trusts exactly these peers and no others.
    /// </summary>
    public static IServiceCollection AddGatewayForwarding(this IServiceCollection services)
    {
        services.AddValidatedOptions<ForwardingOptions, ForwardingOptionsValidator>(ForwardingOptions.SectionName);
        services.AddOptions<ForwardedHeadersOptions>()
            .PostConfigure<IOptions<ForwardingOptions>>((options, forwarding) =>
            {
                var trusted = TrustedPeers.From(forwarding.Value);
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                options.ForwardLimit = forwarding.Value.ForwardLimit;
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in trusted.Proxies)
                {
                    options.KnownProxies.Add(proxy);
                }

                foreach (var network in trusted.Networks)
                {
                    options.KnownIPNetworks.Add(network);
                }
            });
        return services;
    }

    /// <summary>First in the pipeline: from here on the connection's remote address and the request's scheme are the client's.</summary>
    public static IApplicationBuilder UseGatewayForwarding(this IApplicationBuilder app)
    {
        // With the framework's switch on, its start-up filter has put the same middleware, with the same options,
        // in front of everything already: once is enough.
        if (ForwardingOptionsValidator.IsFrameworkSwitchOn(app.ApplicationServices.GetRequiredService<IConfiguration>()))
        {
            return app;
        }

        // A connection without an address (a Unix socket) is no trusted proxy; the middleware itself would believe
        // its first X-Forwarded-For entry.
        return app.UseWhen(context => context.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders());
    }
}
