using System.Globalization;
using System.Net;
using System.Text;
using Telepath.Testing.Http;

namespace Telepath.EndToEnd.Tests.Clients;

/// <summary>
/// Clients we did not write that send their requests, half-close (shutdown(SHUT_WR)) and read the answers
/// until the server closes: how busybox nc, `nc -N` and many scripts talk HTTP.
/// </summary>
public sealed class HalfClosingClient
{
    /// <summary>Debian's python3: sendall, then shutdown(SHUT_WR), then recv until the end.</summary>
    public static readonly HalfClosingClient Python = new("python3", (host, port) => (Tool.Python, ["-c", PythonScript, host, port]));

    public static readonly HalfClosingClient BusyboxNc = new("busybox nc", (host, port) => ("busybox", ["nc", host, port]));

    /// <summary>OpenBSD's netcat, which half-closes at the end of its input only when asked to.</summary>
    public static readonly HalfClosingClient NetcatN = new("nc -N", (host, port) => ("nc", ["-N", host, port]));

    private const string PythonScript = """
        import socket, sys
        connection = socket.create_connection((sys.argv[1], int(sys.argv[2])))
        connection.sendall(sys.stdin.buffer.read())
        connection.shutdown(socket.SHUT_WR)
        while True:
            data = connection.recv(65536)
            if not data:
                break
            sys.stdout.buffer.write(data)
        """;

    private readonly Func<string, string, (string File, string[] Arguments)> _command;

    private HalfClosingClient(string name, Func<string, string, (string File, string[] Arguments)> command)
    {
        Name = name;
        _command = command;
    }

    public string Name { get; }

    /// <summary>Sends the requests on one connection, half-closes, and returns every response read until the server closed.</summary>
    public async Task<IReadOnlyList<RawResponse>> ExchangeAsync(IPEndPoint server, string requests)
    {
        var (file, arguments) = _command(server.Address.ToString(), server.Port.ToString(CultureInfo.InvariantCulture));
        var result = await Tool.MustAsync(ProcessRunner.RunAsync(file, arguments, stdin: Encoding.ASCII.GetBytes(requests)));
        try
        {
            return RawResponse.ParseAll(Encoding.UTF8.GetBytes(result.Stdout));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{Name}: {e.Message}\n{result}", e);
        }
    }

    public override string ToString() => Name;
}
