namespace Telepath.Hub.Previews.Ingress;

/// <summary>Thrown from the proxy's connect callback, so that YARP's error carries why no connection was made.</summary>
public sealed class IngressRefusedException(string message) : Exception(message);
