using System.Security.Cryptography;

namespace Telepath.Hub.Data;

/// <summary>Preview ids: 12 random lowercase letters and digits, starting with a letter, so each is a valid DNS label (about 61 bits).</summary>
public static class PreviewId
{
    public const int Length = 12;

    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    private const string LettersAndDigits = Letters + "0123456789";

    public static string New() =>
        RandomNumberGenerator.GetString(Letters, 1) + RandomNumberGenerator.GetString(LettersAndDigits, Length - 1);
}
