using Telepath.KubeApi.TestServer.Discovery;

namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>Where an object lives: its resource, namespace ("" for cluster-scoped) and name.</summary>
public readonly record struct ObjectKey(ResourceType Type, string Namespace, string Name);
