using System.Text.Json.Nodes;

namespace Telepath.KubeApi.TestServer.Validation;

/// <summary>One field error, worded like apimachinery's <c>field.Error</c>.</summary>
public sealed record FieldError(string Field, string Reason, string Message)
{
    public static FieldError Required(string field, string? detail = null) =>
        new(field, "FieldValueRequired", detail is null ? "Required value" : $"Required value: {detail}");

    public static FieldError Duplicate(string field, string value) =>
        new(field, "FieldValueDuplicate", $"Duplicate value: \"{value}\"");

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Render(value)}: {detail}");

    public override string ToString() => $"{Field}: {Message}";

    public JsonObject ToCause() => new() { ["reason"] = Reason, ["message"] = Message, ["field"] = Field };

    // Go prints strings quoted and numbers bare.
    private static string Render(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? $"\"{s}\"" : value?.ToJsonString() ?? "null";
}
