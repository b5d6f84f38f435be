using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Telepath.Hub.Accounts.GitHub;

/// <summary>Protects the GitHub tokens the hub keeps: a copy of the database alone does not hand out people's GitHub access.</summary>
public sealed class GitHubAccessTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Telepath.Hub.GitHub.AccessToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    /// <summary>Null when it cannot be read any more (keys lost): the re-check then cannot run, and ends GitHub's memberships.</summary>
    public string? Unprotect(string protectedToken)
    {
        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
