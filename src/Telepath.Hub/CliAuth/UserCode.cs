using System.Security.Cryptography;

namespace Telepath.Hub.CliAuth;

/// <summary>
/// RFC 8628 user codes: eight consonants (no vowels, so no words; none of 0/O, 1/I/L to mistake),
/// shown as `BCDF-GHJK`. 19^8 is about 2^34, and entry is rate-limited and needs a signed-in user.
/// </summary>
public static class UserCode
{
    public const string Alphabet = "BCDFGHJKMNPQRSTVWXZ";
    public const int Length = 8;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>What a person typed, as stored: upper case, without dashes or spaces; null if it cannot be a code.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var code = new string([.. typed.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return code.Length == Length && code.All(Alphabet.Contains) ? code : null;
    }

    public static string Display(string code) => $"{code[..4]}-{code[4..]}";
}
