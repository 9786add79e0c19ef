namespace Gateway.Storage;

internal enum StorageProvider
{
    Sqlite,
    Postgres,
}
