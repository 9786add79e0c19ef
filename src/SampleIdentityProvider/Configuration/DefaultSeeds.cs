namespace SampleIdentityProvider.Configuration;

/// <summary>What the provider offers when the configuration names nothing: demo values, published in the README.</summary>
internal static class DefaultSeeds
{
    public static void Apply(SampleIdentityProviderOptions options)
    {
        // Applied after binding and before code configuration: a list the binder filled is kept as it is
        // (a default list set in the property initializer would be appended to, not replaced).
        if (options.Users.Count == 0)
        {
            options.Users.AddRange(
            [
                new() { UserName = "alice", Password = "alice-demo-password", Name = "Alice Liddell", Roles = ["admin", "user"] },
                new() { UserName = "bob", Password = "bob-demo-password", Name = "Bob Builder", Roles = ["user"] },
                new() { UserName = "carol", Password = "carol-demo-password", Name = "Carol Danvers" },
            ]);
        }

        if (options.Scopes.Count == 0)
        {
            options.Scopes.AddRange(["api", "api.read", "api.write"]);
        }
    }
}
