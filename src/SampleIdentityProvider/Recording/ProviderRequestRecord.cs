using SampleIdentityProvider.Faults;

namespace SampleIdentityProvider.Recording;

/// <summary>One request an endpoint of the provider answered (or, under a fault, did not answer).</summary>
/// <param name="Endpoint"><c>token</c>, <c>revocation</c>, <c>pushed_authorization</c> or <c>authorization</c>.</param>
/// <param name="At">When it was answered (or the fault struck).</param>
/// <param name="ClientId">The client, from the form or the <c>Authorization: Basic</c> header.</param>
/// <param name="ClientAuthenticationMethod"><c>client_secret_basic</c>, <c>client_secret_post</c>, or none.</param>
/// <param name="GrantType">The <c>grant_type</c> of a token request.</param>
/// <param name="Subject">The <c>sub</c> the request was about (the user, or the client for client credentials), when known.</param>
/// <param name="Succeeded">Whether it was answered without an error.</param>
/// <param name="Error">The OAuth error code sent, if any.</param>
/// <param name="Fault">The fault injected instead of an answer, if any.</param>
/// <param name="Parameters">The request's parameters (after PAR resolution), without secrets, codes and tokens.</param>
public sealed record ProviderRequestRecord(
    string Endpoint,
    DateTimeOffset At,
    string? ClientId,
    string? ClientAuthenticationMethod,
    string? GrantType,
    string? Subject,
    bool Succeeded,
    string? Error,
    EndpointFault Fault,
    IReadOnlyDictionary<string, string> Parameters);
