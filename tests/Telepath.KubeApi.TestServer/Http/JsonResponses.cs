using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Telepath.KubeApi.TestServer.Http;

internal static class JsonResponses
{
    public static async Task WriteJsonAsync(this HttpContext context, int statusCode, JsonNode body)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) ?? throw StatusObjects.BadRequest("the request body is null");
        }
        catch (JsonException e)
        {
            throw StatusObjects.BadRequest($"the object provided is unrecognized (invalid JSON: {e.Message})");
        }
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpRequest request, CancellationToken cancellationToken) =>
        await request.ReadJsonAsync(cancellationToken) as JsonObject
            ?? throw StatusObjects.BadRequest("the object provided is unrecognized (not a JSON object)");
}
