namespace Telepath.Hub.Tests.Infrastructure.GitHub;

/// <summary>An email of a <see cref="FakeGitHubUser"/>, as `GET /user/emails` lists it.</summary>
public sealed record FakeGitHubEmail(string Email, bool Primary = false, bool Verified = true, string? Visibility = "private");

/// <summary>A person on the fake GitHub: who `GET /user` says they are, their emails, and their organisations.</summary>
public sealed class FakeGitHubUser(long id, string login, params FakeGitHubEmail[] emails)
{
    public long Id { get; } = id;

    public string Login { get; } = login;

    public string? Name { get; init; }

    public IReadOnlyList<FakeGitHubEmail> Emails { get; } = emails;

    /// <summary>The public profile email: GitHub shows it whether or not it is verified, which is why the hub does not use it.</summary>
    public string? PublicEmail { get; init; }
}
