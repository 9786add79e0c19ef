namespace Gateway.Storage;

/// <summary>
/// The database cannot be opened or reached at start: the operator's to fix. The message is the one line printed
/// (Hosting tells it like its own start-up refusals; the storage floor does not import Hosting).
/// </summary>
internal sealed class DatabaseStartupException(string message) : Exception(message);
