namespace Telepath.KubeApi.TestServer.Watch;

public enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}
