using System.Collections.Concurrent;
using Yarp.ReverseProxy;

namespace Gateway.Oidc.Tokens;

/// <summary>
/// The token settings of every route YARP serves, as the proxy's transform provider read them: a login asks the OP
/// for every <c>User</c> route's resource and scope up front, so a later refresh for one of them is within the grant.
/// </summary>
internal sealed class RouteTokenRequirements(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, RouteTokenSettings> _byRoute = new(StringComparer.Ordinal);

    public void Register(string routeId, RouteTokenSettings settings) => _byRoute[routeId] = settings;

    public IEnumerable<string> UserResources() =>
        Current().Where(settings => settings.Type == TokenType.User && settings.Resource is not null).Select(settings => settings.Resource!);

    public IEnumerable<string> UserScopes() =>
        Current().Where(settings => settings.Type == TokenType.User && settings.Scope is not null)
            .SelectMany(settings => settings.Scope!.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    // Only routes YARP still serves: a route removed by a reload no longer widens the login.
    private List<RouteTokenSettings> Current()
    {
        var lookup = services.GetService<IProxyStateLookup>();
        var live = lookup?.GetRoutes().Select(route => route.Config.RouteId).ToHashSet(StringComparer.Ordinal);
        return _byRoute.Where(entry => live is null || live.Contains(entry.Key)).Select(entry => entry.Value).ToList();
    }
}
