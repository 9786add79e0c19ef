namespace Gateway.Oidc.Provider;

internal static partial class ProviderLog
{
    [LoggerMessage(EventId = 2400, EventName = "ProviderMetadataUnavailable", Level = LogLevel.Warning,
        Message = "The OpenID Provider's metadata at {Address} could not be read: {Reason}")]
    public static partial void MetadataUnavailable(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 2401, EventName = "ProviderMetadataIssuerMismatch", Level = LogLevel.Error,
        Message = "The OpenID Provider's metadata names the issuer {Issuer}, not the configured Authority {Authority}; it is not used")]
    public static partial void MetadataIssuerMismatch(ILogger logger, string? issuer, string authority);

    [LoggerMessage(EventId = 2402, EventName = "ProviderUnreachable", Level = LogLevel.Warning,
        Message = "The OpenID Provider could not be reached ({Request}): {Reason}")]
    public static partial void ProviderUnreachable(ILogger logger, string request, string reason);

    [LoggerMessage(EventId = 2403, EventName = "ProviderTokenRequestRefused", Level = LogLevel.Information,
        Message = "The OpenID Provider refused a {GrantType} request: {Error}")]
    public static partial void TokenRequestRefused(ILogger logger, string grantType, string error);

    [LoggerMessage(EventId = 2404, EventName = "ProviderTokenRequestUnexpectedAnswer", Level = LogLevel.Warning,
        Message = "The OpenID Provider answered a {GrantType} request with status {Status} and no OAuth error")]
    public static partial void TokenRequestUnexpectedAnswer(ILogger logger, string grantType, int status);

    [LoggerMessage(EventId = 2405, EventName = "ProviderPushedAuthorizationFailed", Level = LogLevel.Warning,
        Message = "The OpenID Provider did not accept a pushed authorization request (status {Status}, error {Error})")]
    public static partial void PushedAuthorizationFailed(ILogger logger, int? status, string? error);
}
