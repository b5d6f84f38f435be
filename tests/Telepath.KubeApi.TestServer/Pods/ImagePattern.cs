using System.Text.RegularExpressions;

namespace Telepath.KubeApi.TestServer.Pods;

/// <summary>Image name patterns with <c>*</c> wildcards, e.g. <c>*telepath-server*</c>.</summary>
public static class ImagePattern
{
    public static bool Matches(string pattern, string image) =>
        Regex.IsMatch(image, "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$");

    public static bool MatchesAny(IEnumerable<string> patterns, string image) => patterns.Any(p => Matches(p, image));
}
