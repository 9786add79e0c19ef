namespace SampleIdentityProvider.Recording;

/// <summary>A successful sign-in at the login form, which started provider session <paramref name="SessionId"/> (the <c>sid</c>).</summary>
public sealed record ProviderLoginRecord(DateTimeOffset At, string UserName, string Subject, string SessionId);
