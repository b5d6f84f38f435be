using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Telepath.Testing.Files;
using Telepath.Testing.Processes;

namespace Telepath.Kubernetes.Tests.Schema;

/// <summary>
/// tests/schema-check: the Kubernetes OpenAPI schemas as kubernetes-models (npm) generates them, a
/// check we did not write. It finds wrong types, missing required fields and bad formats
/// (int32, base64, quantities); the test server's Validation/ has the apiserver's own rules.
/// </summary>
internal static class SchemaCheck
{
    public const string InstallCommand = "npm ci --prefix tests/schema-check --no-audit --no-fund";

    public static string Folder => Path.Combine(Repository.Root, "tests", "schema-check");

    /// <summary>Null when it can run; else what is missing.</summary>
    public static string? Missing() =>
        !OnPath("node") ? "node"
        : !Directory.Exists(Path.Combine(Folder, "node_modules")) ? "tests/schema-check/node_modules"
        : null;

    /// <summary>Objects as the client sends them: each serialized by the client's own JSON.</summary>
    public static Task AssertValidAsync(IEnumerable<object> objects)
    {
        var list = new JsonArray(objects.Select(o => JsonNode.Parse(KubernetesJson.Serialize(o))).ToArray());
        return AssertValidAsync(list.ToJsonString(), list.Count);
    }

    /// <summary>A YAML or JSON text of <paramref name="count"/> objects; the count guards against checking none.</summary>
    public static async Task AssertValidAsync(string text, int count)
    {
        var result = await ProcessRunner.RunAsync(
            "node", [Path.Combine(Folder, "validate.mjs")], stdin: Encoding.UTF8.GetBytes(text), timeout: TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, $"the Kubernetes schema refused objects:\n{result}\n--- input ---\n{text}");
        Assert.Contains($"schema-check: {count} objects, 0 invalid", result.Stderr, StringComparison.Ordinal);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
