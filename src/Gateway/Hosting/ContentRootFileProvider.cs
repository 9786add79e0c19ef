using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Gateway.Hosting;

/// <summary>
/// The content root's files, watched for changes in the root folder only. The framework's provider watches the
/// whole tree below it: started from the repository root that is every folder of the checkout, and under the
/// data folder every SQLite write wakes the watcher (measured: 6% of the gateway's CPU on the refresh path).
/// The configuration files live in the root itself, so nothing below it needs watching.
/// A consumer's failure (a change that does not bind) is reported and never stops the watcher: an exception out of
/// its event handler would end the watcher's thread, and with it every later reload, silently.
/// </summary>
internal sealed class ContentRootFileProvider : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider _files;
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, CancellationTokenSource> _watches = new(StringComparer.Ordinal);
    private readonly Action<Exception> _changeFailed;

    public ContentRootFileProvider(string root, Action<Exception> changeFailed)
    {
        _changeFailed = changeFailed;
        _files = new PhysicalFileProvider(root);
        _watcher = new FileSystemWatcher(root)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += (_, change) => Signal(change.Name);
        _watcher.Created += (_, change) => Signal(change.Name);
        // A file that is gone (deleted, or renamed away by an editor about to write its new version) is not a
        // change to apply: its last contents stay in force until a file of that name is there again.
        _watcher.Renamed += (_, change) => Signal(change.Name);
        _watcher.EnableRaisingEvents = true;
    }

    public string Root => _files.Root;

    public IFileInfo GetFileInfo(string subpath) => _files.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => _files.GetDirectoryContents(subpath);

    /// <summary>A token for one file of the root folder, by name; anything else never changes.</summary>
    public IChangeToken Watch(string filter)
    {
        var name = filter.TrimStart('/', '\\');
        if (name.Length == 0 || name.IndexOfAny(['/', '\\', '*', '?']) >= 0)
        {
            return NullChangeToken.Singleton;
        }

        lock (_lock)
        {
            if (!_watches.TryGetValue(name, out var source) || source.IsCancellationRequested)
            {
                source = new CancellationTokenSource();
                _watches[name] = source;
            }

            return new CancellationChangeToken(source.Token);
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _files.Dispose();
    }

    private void Signal(string? name)
    {
        CancellationTokenSource? source;
        lock (_lock)
        {
            if (name is null || !_watches.Remove(name, out source))
            {
                return;
            }
        }

        // Not disposed: a consumer may still register on its token, which then calls back at once.
        try
        {
            source.Cancel();
        }
        catch (AggregateException exception)
        {
            // The consumers' exceptions (an options class that no longer binds, ...): reported, and the watcher goes on.
            foreach (var failure in exception.InnerExceptions)
            {
                _changeFailed(failure);
            }
        }
    }
}
