using OpenIddict.Abstractions;
using SampleIdentityProvider.Faults;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Recording;

internal static class RequestRecordFactory
{
    // Secrets, codes and tokens stay out of the records (the /_test endpoints serve them as JSON).
    private static readonly HashSet<string> HiddenParameters = new(StringComparer.Ordinal)
    {
        Parameters.ClientSecret, Parameters.Code, Parameters.CodeVerifier, Parameters.RefreshToken, Parameters.Token,
        Parameters.ClientAssertion, Parameters.Password, Parameters.IdTokenHint, Parameters.SubjectToken, Parameters.ActorToken,
        Parameters.Assertion,
    };

    public static ProviderRequestRecord Create(
        string endpoint, DateTimeOffset at, HttpRequest? http, OpenIddictRequest? request, string? subject, string? error,
        EndpointFault fault = EndpointFault.None)
    {
        var (clientId, method) = ClientAuthentication.Read(http, request);
        var parameters = (request?.GetParameters() ?? new Dictionary<string, OpenIddictParameter>())
            .Where(parameter => !HiddenParameters.Contains(parameter.Key))
            .ToDictionary(parameter => parameter.Key, parameter => parameter.Value.ToString() ?? "", StringComparer.Ordinal);
        return new ProviderRequestRecord(
            endpoint, at, clientId, method, request?.GrantType, subject, error is null && fault == EndpointFault.None, error, fault, parameters);
    }
}
