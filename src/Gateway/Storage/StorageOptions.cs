namespace Gateway.Storage;

internal sealed class StorageOptions
{
    public const string SectionName = "Gateway:Storage";

    /// <summary>Database engine: <c>Sqlite</c> (default, embedded) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder for the default SQLite file; default <c>data</c> under the content root.</summary>
    public string DataPath { get; set; } = "data";
}
