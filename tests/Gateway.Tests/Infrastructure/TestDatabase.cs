namespace Gateway.Tests.Infrastructure;

/// <summary>A fresh SQLite file per test under the temp folder; each test owns its database.</summary>
internal static class TestDatabase
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "gateway-tests");

    public static string NewPath()
    {
        Directory.CreateDirectory(Folder);
        return Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
    }
}
