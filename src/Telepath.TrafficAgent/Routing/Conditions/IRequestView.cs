namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>
/// What intercept conditions look at in a request, whichever parser read it: Kestrel's (HTTP/2, and
/// HTTP/1.1 the relay hands over) or the HTTP/1.1 relay's own.
/// </summary>
internal interface IRequestView
{
    /// <summary>The path as the server decodes it (percent-escapes decoded except %2F), without the query.</summary>
    string Path { get; }

    /// <summary>True when any value the request has for the header (name compared case-insensitively) satisfies the test.</summary>
    bool AnyHeaderValue(string name, Func<string, bool> test);
}
