namespace SampleIdentityProvider.Testing;

/// <summary>The body of <c>POST /_test/backchannel-logout</c>.</summary>
internal sealed record BackchannelLogoutRequest(string? Subject, string? SessionId);
