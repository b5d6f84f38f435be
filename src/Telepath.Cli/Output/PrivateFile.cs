using System.Text;
using Telepath.Core;

namespace Telepath.Cli.Output;

/// <summary>A file only its owner can read (0600), for what may hold secrets.</summary>
internal static class PrivateFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes the whole file. It is created 0600 under a new name beside the target and renamed over it,
    /// so no moment exists when it is readable by others, even where an older file at the path was, and
    /// a symbolic link at the path is replaced, not followed.
    /// </summary>
    /// <exception cref="UserErrorException">The file cannot be written; <paramref name="what"/> names it in the message.</exception>
    public static async Task WriteAsync(string path, string text, string what, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text), cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot write {what} {path}: {e.Message}");
        }
        finally
        {
            // Gone after the rename; left behind only when writing failed or was cancelled.
            Forget(temporary);
        }
    }

    private static void Forget(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Its directory is missing or not ours: nothing was created there.
        }
    }
}
