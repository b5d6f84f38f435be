namespace Telepath.Core;

/// <summary>The manager's shared secret, kept in a file so it never appears in a process list.</summary>
public static class TokenFile
{
    public static string Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot read the token file {path}: {e.Message}");
        }

        if (text.Length == 0)
        {
            throw new UserErrorException($"the token file {path} is empty; put the manager's token in it");
        }

        return text;
    }
}
