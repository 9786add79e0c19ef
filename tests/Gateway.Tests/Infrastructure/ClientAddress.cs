using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// TestServer connections have no remote address. Registered through <see cref="GatewayFactory.TestServices"/>, this
/// gives a request the address named in a test-only header, removed before the gateway sees the request.
/// </summary>
internal sealed class ClientAddress : IStartupFilter
{
    private const string HeaderName = "X-Test-Remote-Address";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, ClientAddress>();

    /// <summary>Makes the request arrive from <paramref name="address"/>.</summary>
    public static Action<HttpRequestMessage> From(string address) =>
        request => request.Headers.TryAddWithoutValidation(HeaderName, address);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(HeaderName, out var address))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
