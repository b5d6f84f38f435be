using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Storage;

namespace Telepath.KubeApi.TestServer.Tokens;

/// <summary>A JWS in compact form, <c>header.payload.signature</c>, signed RS256 as go-jose signs it.</summary>
internal sealed record JsonWebToken(JsonObject Header, JsonObject Payload, string SigningInput, byte[] Signature)
{
    public const string Algorithm = "RS256";

    public static string Sign(JsonObject payload, SigningKey key)
    {
        // go-jose writes the protected header with sorted keys: alg, then kid.
        var header = new JsonObject { ["alg"] = Algorithm, ["kid"] = key.KeyId };
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        return $"{signingInput}.{Base64Url.EncodeToString(key.Sign(signingInput))}";
    }

    /// <summary>The parts of a compact JWS, unverified; null when it is not one (then no authenticator recognises it).</summary>
    public static JsonWebToken? TryParse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) is JsonObject header &&
                   JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) is JsonObject payload
                ? new JsonWebToken(header, payload, $"{parts[0]}.{parts[1]}", Base64Url.DecodeFromChars(parts[2]))
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    public bool IsSignedBy(SigningKey key) => Header.Str("alg") == Algorithm && key.Verifies(SigningInput, Signature);

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
}
