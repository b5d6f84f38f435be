namespace Telepath.Network.Tests.Infrastructure;

/// <summary>The privileged network helpers running in the laptop namespace, by their command line.</summary>
public static class HelperProcesses
{
    public static async Task<IReadOnlyList<string>> InAsync(NetworkTopology topology)
    {
        var pids = await ProcessRunner.RunAsync("ip", ["netns", "pids", topology.Names.Laptop]);
        var helpers = new List<string>();
        foreach (var pid in pids.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            try
            {
                var command = (await File.ReadAllTextAsync($"/proc/{pid.Trim()}/cmdline")).Replace('\0', ' ');
                if (command.Contains(" network-helper ", StringComparison.Ordinal))
                {
                    helpers.Add($"{pid.Trim()}: {command}");
                }
            }
            catch (IOException)
            {
                // It ended between the listing and the read.
            }
        }

        return helpers;
    }
}
