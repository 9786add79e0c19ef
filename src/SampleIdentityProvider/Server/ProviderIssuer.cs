using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SampleIdentityProvider.Configuration;

namespace SampleIdentityProvider.Server;

/// <summary>
/// The issuer as OpenIddict writes it (with a trailing <c>/</c>): the configured one, else the first address the
/// server listens on, which is what OpenIddict derives from requests made to that address.
/// </summary>
internal sealed class ProviderIssuer(IOptions<SampleIdentityProviderOptions> options, IServer server)
{
    public string Value => !string.IsNullOrEmpty(options.Value.Issuer)
        ? new Uri(options.Value.Issuer).AbsoluteUri
        : new Uri(ListeningAddresses is [var first, ..] ? first : throw new InvalidOperationException("The provider is not listening yet.")).AbsoluteUri;

    public IReadOnlyList<string> ListeningAddresses => [.. server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []];
}
