namespace Telepath.TrafficManager.Auth;

/// <summary>
/// Where an administrator (or a test bed whose port-forwards do not come from the pod's loopback)
/// names the sources a tokenless caller may be a laptop from (<see cref="ManagerOptions.ClientSources"/>).
/// </summary>
public static class LaptopSources
{
    public const string Variable = "TELEPATH_LAPTOP_SOURCES";
}
