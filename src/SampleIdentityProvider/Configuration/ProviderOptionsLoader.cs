namespace SampleIdentityProvider.Configuration;

internal static class ProviderOptionsLoader
{
    /// <summary>
    /// Binds the <c>Provider</c> section, fills in the demo defaults, then applies <paramref name="configure"/>.
    /// Read once while composing, not through IOptions: which endpoints exist, where the keys live and how
    /// OpenIddict is set up all depend on these values.
    /// </summary>
    public static SampleIdentityProviderOptions Load(IConfiguration configuration, Action<SampleIdentityProviderOptions>? configure)
    {
        var options = new SampleIdentityProviderOptions();
        configuration.GetSection(SampleIdentityProviderOptions.SectionName).Bind(options);
        DefaultSeeds.Apply(options);
        configure?.Invoke(options);

        var errors = SampleIdentityProviderOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid sample provider settings: " + string.Join(" ", errors));
        }

        return options;
    }
}
