using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>A request Kestrel parsed, as conditions see it.</summary>
internal readonly struct KestrelRequestView(HttpRequest request) : IRequestView
{
    public string Path => request.Path.Value ?? "";

    public bool AnyHeaderValue(string name, Func<string, bool> test)
    {
        var values = request.Headers[name];
        var tried = Math.Min(values.Count, IRequestView.MaxValuesTried);
        for (var i = 0; i < tried; i++)
        {
            if (values[i] is { } value && test(value))
            {
                return true;
            }
        }

        return false;
    }
}
