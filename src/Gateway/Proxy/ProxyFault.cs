namespace Gateway.Proxy;

/// <summary>Whose fault a failed forward was; it decides the status and how loudly it is logged.</summary>
internal enum ProxyFault
{
    /// <summary>The client broke off or malformed its request, or went away: 400, a debug line at most.</summary>
    Client,

    /// <summary>The gateway's own code failed on the way: 500 (503 for the database), logged as an error.</summary>
    Gateway,

    /// <summary>The downstream could not be reached or failed: 502, one warning line.</summary>
    Downstream,

    /// <summary>The downstream stayed silent past the activity timeout: 504, one warning line.</summary>
    DownstreamTimeout,
}
