using System.Security.Claims;

namespace SampleBackend;

/// <summary>What <c>GET /api/me</c> answers: the caller as the gateway's token describes them.</summary>
internal sealed record CallerInfo(string? Id, string? Name, IReadOnlyList<string> Roles, string? SessionId)
{
    public static CallerInfo From(ClaimsPrincipal user) => new(
        user.FindFirstValue("sub"),
        user.FindFirstValue("name"),
        user.FindAll("role").Select(claim => claim.Value).ToList(),
        user.FindFirstValue("sid"));
}
