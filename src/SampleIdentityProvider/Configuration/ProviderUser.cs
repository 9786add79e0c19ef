namespace SampleIdentityProvider.Configuration;

/// <summary>A user who can sign in at the sample provider.</summary>
public sealed class ProviderUser
{
    /// <summary>What the user types in the login form; also <c>preferred_username</c>.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The password, in clear: a sample.</summary>
    public string Password { get; set; } = "";

    /// <summary>The <c>sub</c> claim; default <c>user-</c> followed by the user name.</summary>
    public string? Subject { get; set; }

    /// <summary>The <c>name</c> claim; default the user name.</summary>
    public string? Name { get; set; }

    /// <summary>The <c>roles</c> claim, always a JSON array; none: no <c>roles</c> claim.</summary>
    public List<string> Roles { get; set; } = [];

    internal string EffectiveSubject => string.IsNullOrEmpty(Subject) ? "user-" + UserName : Subject;

    internal string EffectiveName => string.IsNullOrEmpty(Name) ? UserName : Name;
}
