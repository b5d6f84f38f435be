namespace Telepath.Hub.Hosting;

/// <summary>
/// `telepath demo` runs this hub with a demo account (section `Hub:DemoAccount`, set through
/// `Hub__DemoAccount__*` variables): made at start, its API key written to a file only its owner can read.
/// </summary>
public sealed record DemoAccountSettings(string Email, string Password, string Organisation, string KeyFile)
{
    /// <returns>Null when no key file is asked for: a hub people run has no demo account.</returns>
    public static DemoAccountSettings? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Hub:DemoAccount");
        if (string.IsNullOrWhiteSpace(section["KeyFile"]))
        {
            return null;
        }

        string Required(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Hub:DemoAccount:{key} is required with Hub:DemoAccount:KeyFile");
        return new DemoAccountSettings(Required("Email"), Required("Password"), Required("Organisation"), section["KeyFile"]!);
    }

    public async Task CreateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var apiKey = await DemoAccount.CreateAsync(services, Email, Password, Organisation, cancellationToken);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new StreamWriter(KeyFile, options);
        await file.WriteAsync(apiKey);
    }
}
