namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>
/// What intercept conditions look at in a request, whichever parser read it: Kestrel's (HTTP/2, and
/// HTTP/1.1 the relay hands over) or the HTTP/1.1 relay's own.
/// </summary>
internal interface IRequestView
{
    /// <summary>
    /// How many values of one header a condition tries. Proxies add copies of a header (Via,
    /// X-Forwarded-For) a few at a time; a client that sends thousands only wants the agent to run a
    /// pattern thousands of times, and its request goes to the app as if the rest did not match.
    /// </summary>
    const int MaxValuesTried = 16;

    /// <summary>The path as the server decodes it (percent-escapes decoded except %2F), without the query.</summary>
    string Path { get; }

    /// <summary>
    /// True when one of the first <see cref="MaxValuesTried"/> values the request has for the header (name
    /// compared case-insensitively) satisfies the test.
    /// </summary>
    bool AnyHeaderValue(string name, Func<string, bool> test);
}
