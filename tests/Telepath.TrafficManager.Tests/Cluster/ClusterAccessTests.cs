using Telepath.TrafficManager.Cluster;

namespace Telepath.TrafficManager.Tests.Cluster;

public sealed class ClusterAccessTests
{
    [Fact]
    public void Without_KUBECONFIG_or_a_service_account_the_manager_has_no_access()
    {
        var access = ClusterAccess.FromEnvironment(_ => null);

        Assert.False(access.Enabled);
    }

    [Fact]
    public void KUBECONFIG_naming_a_file_that_does_not_exist_gives_no_access()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));

        var access = ClusterAccess.FromEnvironment(name => name == "KUBECONFIG" ? missing : null);

        Assert.False(access.Enabled);
    }

    [Fact]
    public void KUBECONFIG_listing_files_uses_the_first_that_exists()
    {
        var file = Path.GetTempFileName();
        try
        {
            var list = string.Join(Path.PathSeparator, "/nonexistent/kubeconfig", file);

            var access = ClusterAccess.FromEnvironment(name => name == "KUBECONFIG" ? list : null);

            Assert.True(access.Enabled);
            Assert.Equal($"kubeconfig {file}", access.Description);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
