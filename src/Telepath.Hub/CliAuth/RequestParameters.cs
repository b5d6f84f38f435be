using System.Text.Json;

namespace Telepath.Hub.CliAuth;

/// <summary>RFC 8628 clients post forms; ours may post JSON. Both are read as flat string parameters.</summary>
public static class RequestParameters
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return form.ToDictionary(field => field.Key, field => field.Value.ToString());
        }

        if (request.HasJsonContentType())
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    return json.RootElement.EnumerateObject()
                        .Where(p => p.Value.ValueKind == JsonValueKind.String)
                        .ToDictionary(p => p.Name, p => p.Value.GetString()!);
                }
            }
            catch (JsonException)
            {
                // A body that is not JSON has no parameters; the endpoint reports what is missing.
            }
        }

        return new Dictionary<string, string>();
    }
}
