using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.ScaleOut.Infrastructure;

/// <summary>The last lines a child process wrote, both streams, for failure messages.</summary>
internal sealed class ProcessOutput
{
    private const int MaxLines = 200;

    private readonly ConcurrentQueue<string> _lines = new();

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, line) => Add(line.Data);
        process.ErrorDataReceived += (_, line) => Add(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Tail(int lines = 40) => string.Join('\n', _lines.ToArray().TakeLast(lines));

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > MaxLines && _lines.TryDequeue(out _))
        {
        }
    }
}
