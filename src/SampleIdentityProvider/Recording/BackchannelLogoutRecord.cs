namespace SampleIdentityProvider.Recording;

/// <summary>A back-channel logout token the provider posted, and how the client answered (status 0: no answer).</summary>
public sealed record BackchannelLogoutRecord(DateTimeOffset At, string Uri, string? Subject, string? SessionId, int StatusCode, bool Succeeded);
