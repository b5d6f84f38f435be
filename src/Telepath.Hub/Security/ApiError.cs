using System.Text.Json.Serialization;

namespace Telepath.Hub.Security;

/// <summary>
/// The body of every API error: `{"error": "code"}` as RFC 6749 and RFC 8628 shape theirs, with an
/// `error_description` for a person when there is more to say (which field, and why).
/// </summary>
public sealed record ApiError(
    string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorDescription = null)
{
    public static IResult Result(int status, string error, string? description = null) =>
        Results.Json(new ApiError(error, description), statusCode: status);

    public static IResult NotFound() => Result(StatusCodes.Status404NotFound, "not_found");
}
