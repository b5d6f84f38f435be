using Serilog.Core;
using Serilog.Events;

namespace Telepath.Daemon.Logging;

/// <summary>
/// Writes to a file that keeps its name: once it passes the limit it becomes NAME.1 (NAME.1 becomes
/// NAME.2, and so on, the oldest dropped) and a new NAME is started. Serilog's own size rolling goes on
/// in NAME_001, NAME_002 instead, by its maintainers' choice (serilog/serilog-sinks-file#40), while the
/// CLI's error messages, the demo and the tests read daemon.log by name.
/// </summary>
internal sealed class RenamingRollingSink : ILogEventSink, IDisposable
{
    // Held for one write of a line to the page cache, and for the renames when the file is full.
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly long _rollAtBytes;
    private readonly int _keptFiles;
    private readonly Func<string, Logger> _open;
    private Logger _file;

    public RenamingRollingSink(string path, long rollAtBytes, int keptFiles, Func<string, Logger> open)
    {
        _path = path;
        _rollAtBytes = rollAtBytes;
        _keptFiles = keptFiles;
        _open = open;
        // A log left full by the previous run is rolled before this run's first line.
        if (IsFull())
        {
            Roll();
        }

        _file = open(path);
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            _file.Write(logEvent);
            if (IsFull())
            {
                _file.Dispose();
                Roll();
                _file = _open(_path);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _file.Dispose();
        }
    }

    private bool IsFull()
    {
        var file = new FileInfo(_path);
        return file.Exists && file.Length >= _rollAtBytes;
    }

    private void Roll()
    {
        try
        {
            for (var i = _keptFiles - 1; i >= 1; i--)
            {
                if (File.Exists(Previous(i)))
                {
                    File.Move(Previous(i), Previous(i + 1), overwrite: true);
                }
            }

            File.Move(_path, Previous(1), overwrite: true);
        }
        catch (IOException)
        {
            // A file in the way (a directory, no right to rename): keep appending to the full log
            // rather than lose lines; the next line tries again.
        }
    }

    private string Previous(int generation) => $"{_path}.{generation}";
}
