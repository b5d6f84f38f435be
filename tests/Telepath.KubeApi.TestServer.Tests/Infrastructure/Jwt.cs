using System.Buffers.Text;
using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Tests.Infrastructure;

/// <summary>Reads a JWT's parts without checking anything, as a test inspecting what the server issued.</summary>
internal static class Jwt
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Claims(string token) => Part(token, 1);

    /// <summary>The token with its payload replaced and the original signature kept.</summary>
    public static string WithClaims(string token, JsonObject claims)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(claims.ToJsonString()))}.{parts[2]}";
    }

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();
}
