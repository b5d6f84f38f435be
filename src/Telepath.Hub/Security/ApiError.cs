namespace Telepath.Hub.Security;

/// <summary>The body of every API error: `{"error": "code"}` as RFC 6749 and RFC 8628 shape theirs.</summary>
public sealed record ApiError(string Error);
