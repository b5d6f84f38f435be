namespace Telepath.Core;

/// <summary>
/// A mistake or a condition the user can fix. Printed as one line without a stack trace; every
/// other exception is a bug and is printed with a pointer to the log.
/// </summary>
public sealed class UserErrorException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
