namespace SampleIdentityProvider.Tests.Infrastructure;

/// <summary>How the test client authenticates at the token, revocation and PAR endpoints.</summary>
internal enum ClientAuth
{
    Basic,
    Post,
}
