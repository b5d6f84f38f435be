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

    /// <summary>A field error whose value is a list of strings, which Go (before 1.34) prints as <c>[]string{"a", "b"}</c>.</summary>
    public static FieldError InvalidList(string field, IEnumerable<string> values, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: []string{{{string.Join(", ", values.Select(v => $"\"{v}\""))}}}: {detail}");

    /// <summary>One error per message of a format check, as the real validation reports them.</summary>
    public static IEnumerable<FieldError> InvalidEach(string field, string value, IEnumerable<string> details) =>
        details.Select(detail => Invalid(field, value, detail));

    public static FieldError NotFound(string field, string value) =>
        new(field, "FieldValueNotFound", $"Not found: {Render(value)}");

    public static FieldError NotSupported(string field, string value, params string[] supported) =>
        new(field, "FieldValueNotSupported",
            $"Unsupported value: {Render(value)}: supported values: {string.Join(", ", supported.Select(s => $"\"{s}\""))}");

    public static FieldError TooLong(string field, int bytes) =>
        new(field, "FieldValueTooLong", $"Too long: must have at most {bytes} bytes");

    public override string ToString() => $"{Field}: {Message}";

    public JsonObject ToCause() => new() { ["reason"] = Reason, ["message"] = Message, ["field"] = Field };

    // Go prints strings quoted and numbers bare.
    private static string Render(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? $"\"{s}\"" : value?.ToJsonString() ?? "null";
}
