namespace SampleIdentityProvider;

/// <summary>Runs the sample OpenID Provider (see README.md beside this file).</summary>
internal static class Program
{
    public static void Main(string[] args) => SampleIdentityProviderApp.Build(args).Run();
}
