using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SampleIdentityProvider.Hosting;

namespace SampleIdentityProvider.Accounts;

/// <summary>
/// The live provider sessions (the <c>sid</c> of the ID tokens), in memory: a session cookie whose session was ended
/// (logout, back-channel logout, a restart) no longer signs anyone in.
/// </summary>
internal sealed class ProviderSessionStore(ILogger<ProviderSessionStore> logger)
{
    private readonly ConcurrentDictionary<string, string> _subjectsBySession = new(StringComparer.Ordinal);

    public string Start(string subject)
    {
        var sessionId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        _subjectsBySession[sessionId] = subject;
        ProviderLog.SessionStarted(logger, subject, sessionId);
        return sessionId;
    }

    public bool IsActive(string sessionId) => _subjectsBySession.ContainsKey(sessionId);

    public void End(string sessionId) => _subjectsBySession.TryRemove(sessionId, out _);

    public IReadOnlyList<string> EndAllOf(string subject)
    {
        var ended = _subjectsBySession.Where(pair => pair.Value == subject).Select(pair => pair.Key).ToList();
        ended.ForEach(End);
        return ended;
    }
}
