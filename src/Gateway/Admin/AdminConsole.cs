namespace Gateway.Admin;

/// <summary>The CLI's standard streams, replaceable so tests run commands in-process.</summary>
internal sealed record AdminConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    public static AdminConsole System { get; } = new(Console.In, Console.Out, Console.Error);

    /// <summary>The first line of standard input, without its line break: passwords never appear in arguments.</summary>
    public string ReadPassword()
    {
        var line = In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new AdminCommandException("No password on standard input (use --password-stdin with the password piped in).");
        }

        return line;
    }
}
