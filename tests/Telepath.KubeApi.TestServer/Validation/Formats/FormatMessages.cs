namespace Telepath.KubeApi.TestServer.Validation.Formats;

/// <summary>
/// The wording of apimachinery's <c>MaxLenError</c>, <c>RegexError</c> and <c>EmptyError</c>, which
/// every format message is built from; clients and people match on it.
/// </summary>
internal static class FormatMessages
{
    public const string Empty = "must be non-empty";

    public static string MaxLength(int length) => $"must be no more than {length} characters";

    // Go writes "'a', " for each example and " or " between them, hence the double spaces.
    public static string Regex(string message, string format, params string[] examples) =>
        examples.Length == 0
            ? $"{message} (regex used for validation is '{format}')"
            : $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";
}
