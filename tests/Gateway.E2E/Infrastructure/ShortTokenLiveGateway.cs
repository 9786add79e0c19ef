namespace Gateway.E2E.Infrastructure;

/// <summary>A live gateway whose access tokens live 2 seconds, so a test can see one expire in real time.</summary>
public sealed class ShortTokenLiveGateway : LiveGateway
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Gateway__Tokens__AccessTokenLifetime"] = AccessTokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };
}
