namespace SampleIdentityProvider.Recording;

/// <summary>
/// What the provider handled, for tests to assert on: token requests, revocations, pushed and plain authorization
/// requests, logins and back-channel logouts, in order. A singleton of the provider's services (and the
/// <c>/_test/*</c> endpoints when enabled).
/// </summary>
public sealed class ProviderRecorder
{
    private readonly Lock _lock = new();
    private readonly List<ProviderRequestRecord> _requests = [];
    private readonly List<ProviderLoginRecord> _logins = [];
    private readonly List<BackchannelLogoutRecord> _backchannelLogouts = [];

    /// <summary>Token endpoint requests.</summary>
    public IReadOnlyList<ProviderRequestRecord> TokenRequests => Requests(RecordedEndpoints.Token);

    /// <summary>Revocation endpoint requests (RFC 7009).</summary>
    public IReadOnlyList<ProviderRequestRecord> Revocations => Requests(RecordedEndpoints.Revocation);

    /// <summary>Pushed authorization requests (RFC 9126).</summary>
    public IReadOnlyList<ProviderRequestRecord> PushedAuthorizationRequests => Requests(RecordedEndpoints.PushedAuthorization);

    /// <summary>Authorization requests that got an answer for the client (a code or an error), not those sent to the login form.</summary>
    public IReadOnlyList<ProviderRequestRecord> AuthorizationRequests => Requests(RecordedEndpoints.Authorization);

    /// <summary>Sign-ins at the login form.</summary>
    public IReadOnlyList<ProviderLoginRecord> Logins => Snapshot(_logins);

    /// <summary>Back-channel logout tokens posted.</summary>
    public IReadOnlyList<BackchannelLogoutRecord> BackchannelLogouts => Snapshot(_backchannelLogouts);

    /// <summary>Forgets everything recorded so far.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
            _logins.Clear();
            _backchannelLogouts.Clear();
        }
    }

    internal void Record(ProviderRequestRecord record) => Add(_requests, record);

    internal void RecordLogin(ProviderLoginRecord record) => Add(_logins, record);

    internal void RecordBackchannelLogout(BackchannelLogoutRecord record) => Add(_backchannelLogouts, record);

    private List<ProviderRequestRecord> Requests(string endpoint)
    {
        lock (_lock)
        {
            return _requests.Where(record => record.Endpoint == endpoint).ToList();
        }
    }

    private List<T> Snapshot<T>(List<T> list)
    {
        lock (_lock)
        {
            return [.. list];
        }
    }

    private void Add<T>(List<T> list, T record)
    {
        lock (_lock)
        {
            list.Add(record);
        }
    }
}
