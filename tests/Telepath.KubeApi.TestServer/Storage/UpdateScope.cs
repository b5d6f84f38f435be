namespace Telepath.KubeApi.TestServer.Storage;

/// <summary>Which part of an object a write may change, as with the main resource and <c>/status</c>.</summary>
public enum UpdateScope
{
    /// <summary>Everything but status (for types with a status subresource).</summary>
    Main,

    /// <summary>Only status; used by <c>/status</c> and by the controllers.</summary>
    Status,

    /// <summary>Everything; used by controllers that own the whole object.</summary>
    All,
}
