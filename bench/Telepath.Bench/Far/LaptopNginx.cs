using System.Net;
using Telepath.Bench.Load;
using Telepath.Bench.Processes;
using Telepath.Testing.Processes;

namespace Telepath.Bench.Far;

/// <summary>
/// The far laptop's app: nginx in the laptop's namespace, so the app costs next to nothing beside
/// what is measured. It serves a file of random bytes (<c>GET /data.bin</c>), stores what is PUT under
/// <c>/upload/</c> (checked afterwards by its SHA-256), and answers <c>GET /</c> "hello from far-laptop".
/// </summary>
internal sealed class LaptopNginx : IAsyncDisposable
{
    public const string Name = "far-laptop";
    public const int Port = 8080;
    public const string DataPath = "/data.bin";
    public const string UploadPath = "/upload/received.bin";

    private readonly ChildProcess _process;
    private readonly string _directory;

    private LaptopNginx(ChildProcess process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>Where nginx stores the body of a PUT to <see cref="UploadPath"/>.</summary>
    public string ReceivedFile => Path.Combine(_directory, "www", "upload", "received.bin");

    /// <summary>The file it serves is also what the uploads send, so one file of random bytes serves both ways.</summary>
    public static string DataFile(string directory) => Path.Combine(directory, "www", "data.bin");

    /// <param name="directory">Holds its configuration, logs and files, with <see cref="DataFile"/> already written.</param>
    public static async Task<LaptopNginx> StartAsync(string networkNamespace, IPAddress address, string directory, CancellationToken cancellationToken)
    {
        foreach (var folder in new[] { "www/upload", "temp" })
        {
            Directory.CreateDirectory(Path.Combine(directory, folder));
        }

        var configuration = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(configuration, Configuration(directory), cancellationToken);
        var (file, arguments) = NetnsCommand.In(networkNamespace, "nginx", ["-c", configuration, "-p", directory, "-e", Path.Combine(directory, "error.log")]);
        var nginx = new LaptopNginx(ChildProcess.Start("far laptop nginx", file, arguments, PidLog.Add), directory);
        try
        {
            await RouteCheck.WaitForAsync(new Target("far laptop", "nginx", new IPEndPoint(address, Port), Name), Name, withHeader: false, cancellationToken);
            return nginx;
        }
        catch (BenchException e)
        {
            await nginx.DisposeAsync();
            throw new BenchException($"{e.Message}\nnginx printed:\n{nginx._process.Output}");
        }
        catch
        {
            await nginx.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync(TimeSpan.FromSeconds(5));
        await _process.DisposeAsync();
    }

    // In the foreground, so the bench stops it; as root, since the work directory (mktemp) is root's
    // alone and nginx's default worker user could neither read the data file nor store an upload.
    // The temp paths are nginx's own directories otherwise, which need not exist.
    private static string Configuration(string directory) => $$"""
        daemon off;
        user root;
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        events { worker_connections 256; }
        http {
            access_log off;
            sendfile on;
            client_body_temp_path {{directory}}/temp/body;
            proxy_temp_path {{directory}}/temp/proxy;
            fastcgi_temp_path {{directory}}/temp/fastcgi;
            uwsgi_temp_path {{directory}}/temp/uwsgi;
            scgi_temp_path {{directory}}/temp/scgi;
            server {
                listen {{Port}};
                root {{directory}}/www;
                location = / { default_type text/plain; return 200 "hello from {{Name}}\n"; }
                location /upload/ { dav_methods PUT; client_max_body_size 0; }
            }
        }
        """;
}
