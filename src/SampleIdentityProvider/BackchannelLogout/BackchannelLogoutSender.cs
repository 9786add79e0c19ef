using Microsoft.Extensions.Options;
using SampleIdentityProvider.Accounts;
using SampleIdentityProvider.Configuration;
using SampleIdentityProvider.Hosting;
using SampleIdentityProvider.Recording;

namespace SampleIdentityProvider.BackchannelLogout;

/// <summary>
/// The sample's own OpenID Connect Back-Channel Logout 1.0 sender (OpenIddict 7.9 sends none): ends the provider
/// session(s), then POSTs a logout token to the client's back-channel logout URI, once, without retrying.
/// </summary>
public sealed class BackchannelLogoutSender
{
    private readonly ProviderTokens _tokens;
    private readonly ProviderSessionStore _sessions;
    private readonly ProviderRecorder _recorder;
    private readonly IHttpClientFactory _clients;
    private readonly IOptions<SampleIdentityProviderOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BackchannelLogoutSender> _logger;

    internal BackchannelLogoutSender(
        ProviderTokens tokens, ProviderSessionStore sessions, ProviderRecorder recorder, IHttpClientFactory clients,
        IOptions<SampleIdentityProviderOptions> options, TimeProvider time, ILogger<BackchannelLogoutSender> logger)
    {
        _tokens = tokens;
        _sessions = sessions;
        _recorder = recorder;
        _clients = clients;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where logout tokens go: the gateway origin plus <c>BackchannelLogoutPath</c>.</summary>
    public Uri LogoutUri => new(_options.Value.GatewayOrigin.TrimEnd('/') + _options.Value.BackchannelLogoutPath);

    /// <summary>
    /// Ends provider session <paramref name="sessionId"/> (or, without one, every session of <paramref name="subject"/>)
    /// and posts a logout token naming what is given. A client that cannot be reached gives status 0.
    /// </summary>
    public async Task<BackchannelLogoutResult> SendAsync(string? subject, string? sessionId, CancellationToken cancellationToken = default)
    {
        var logoutToken = _tokens.CreateLogoutToken(subject, sessionId);
        if (sessionId is not null)
        {
            _sessions.End(sessionId);
        }
        else
        {
            _sessions.EndAllOf(subject!);
        }

        var status = 0;
        try
        {
            using var content = new FormUrlEncodedContent([new("logout_token", logoutToken)]);
            using var response = await _clients.CreateClient(nameof(BackchannelLogoutSender)).PostAsync(LogoutUri, content, cancellationToken);
            status = (int)response.StatusCode;
            ProviderLog.BackchannelLogoutSent(_logger, subject, sessionId, LogoutUri.AbsoluteUri, status);
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The client is down or timed out: the result says so (status 0), as a real OP would just log it.
            ProviderLog.BackchannelLogoutFailed(_logger, subject, sessionId, LogoutUri.AbsoluteUri, exception.Message);
        }

        var result = new BackchannelLogoutResult(status, logoutToken);
        _recorder.RecordBackchannelLogout(new BackchannelLogoutRecord(_time.GetUtcNow(), LogoutUri.AbsoluteUri, subject, sessionId, status, result.Succeeded));
        return result;
    }
}
