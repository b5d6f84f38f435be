using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>A request Kestrel parsed, as conditions see it.</summary>
internal readonly struct KestrelRequestView(HttpRequest request) : IRequestView
{
    public string Path => request.Path.Value ?? "";

    public bool AnyHeaderValue(string name, Func<string, bool> test)
    {
        foreach (var value in request.Headers[name])
        {
            if (value is not null && test(value))
            {
                return true;
            }
        }

        return false;
    }
}
