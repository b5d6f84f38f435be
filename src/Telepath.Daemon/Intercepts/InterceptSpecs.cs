using Grpc.Core;
using Telepath.Protocol.Daemon;
using Telepath.Protocol.Manager;

namespace Telepath.Daemon.Intercepts;

/// <summary>Fills the defaults of an intercept request and checks what the daemon can check itself.</summary>
public static class InterceptSpecs
{
    public const string DefaultTargetHost = "127.0.0.1";

    /// <exception cref="RpcException">InvalidArgument, with a line for the user.</exception>
    public static InterceptSpec Complete(InterceptRequest request, string id, string connectedNamespace)
    {
        var spec = new InterceptSpec(request.Spec ?? new InterceptSpec());
        if (spec.Workload.Length == 0)
        {
            throw Invalid("name the workload to intercept, e.g. \"telepath intercept orders --port 8080\"");
        }

        if (spec.TargetPort is < 1 or > 65535)
        {
            throw Invalid($"invalid port \"{spec.TargetPort}\": expected a number from 1 to 65535");
        }

        if (spec.Name.Length == 0)
        {
            spec.Name = spec.Workload;
        }

        if (spec.TargetHost.Length == 0)
        {
            spec.TargetHost = DefaultTargetHost;
        }

        if (spec.Namespace.Length == 0)
        {
            spec.Namespace = connectedNamespace;
        }

        if (request.AutoHeader)
        {
            spec.Headers.Insert(0, AutoHeader.For(id, spec.Name));
        }

        return spec;
    }

    private static RpcException Invalid(string detail) => new(new Status(StatusCode.InvalidArgument, detail));
}
