namespace Telepath.Hub.Accounts;

/// <summary>Emails as invitations store and compare them (trimmed, lower-cased), so an invitation matches however it was typed.</summary>
public static class EmailAddress
{
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public static bool LooksValid(string? email) =>
        email is { Length: > 2 and <= 256 } && email.IndexOf('@') is > 0 && email.IndexOf('@') < email.Length - 1 && !email.Any(char.IsWhiteSpace);
}
