namespace Gateway.Users;

/// <summary>The list of common passwords shipped with the gateway (embedded resource), compared without case.</summary>
internal sealed class CommonPasswords
{
    private const string ResourceName = "Gateway.Users.common-passwords.txt";

    private readonly HashSet<string> _passwords;

    public CommonPasswords()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        _passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                _passwords.Add(line);
            }
        }
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);
}
