using SampleIdentityProvider.Server;

namespace SampleIdentityProvider.Authorization;

internal static class AuthorizationEndpointRouteBuilderExtensions
{
    /// <summary>The passthrough endpoints: OpenIddict validates each request first, then these decide.</summary>
    public static IEndpointRouteBuilder MapProviderAuthorization(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ProviderPaths.Authorization, [HttpMethods.Get, HttpMethods.Post], AuthorizationEndpoints.AuthorizeAsync);
        endpoints.MapPost(ProviderPaths.Token, TokenEndpoints.ExchangeAsync);
        endpoints.MapMethods(ProviderPaths.EndSession, [HttpMethods.Get, HttpMethods.Post], EndSessionEndpoints.EndSessionAsync);
        endpoints.MapMethods(ProviderPaths.UserInfo, [HttpMethods.Get, HttpMethods.Post], UserInfoEndpoints.UserInfoAsync);
        return endpoints;
    }
}
