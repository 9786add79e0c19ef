namespace Gateway.Users;

/// <summary>
/// A network (IPv4 /24, IPv6 /64) a user signed in from, and when last: for 30 days after, failed sign-ins for
/// that user from there are counted apart from everyone else's, so a stranger elsewhere cannot lock the owner out.
/// </summary>
internal sealed class SignInNetwork
{
    public required string UserId { get; init; }

    /// <summary>CIDR text, <c>203.0.113.0/24</c> (<see cref="Forwarding.ClientNetwork.Of"/>).</summary>
    public required string Network { get; init; }

    public DateTimeOffset LastSucceededAt { get; set; }
}
