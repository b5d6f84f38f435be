using Telepath.Kubernetes.Manifests;

namespace Telepath.Kubernetes.Tests.Schema;

/// <summary>What <c>telepath manifests</c> prints (and install creates) against the Kubernetes schemas.</summary>
public class ManifestSchemaTests
{
    [SchemaCheckFact]
    public Task The_default_manifests_are_valid() => AssertValidAsync(new ManagerInstallOptions());

    // A tag like "1.10" or "true" is a number or a boolean in YAML unless quoted, and a label
    // value must be a string.
    [SchemaCheckFact]
    public Task Manifests_with_another_namespace_registry_and_a_numeric_looking_tag_are_valid() =>
        AssertValidAsync(new ManagerInstallOptions("ops", "registry.local:5000/tp/telepath-server", "1.10"));

    [SchemaCheckFact]
    public Task Manifests_with_a_semver_build_tag_are_valid() =>
        AssertValidAsync(new ManagerInstallOptions(Tag: "v0.1.0+build.7"));

    private static Task AssertValidAsync(ManagerInstallOptions options)
    {
        // The same calls as ManifestsCommand.
        var objects = ManagerManifests.Build(options);
        return SchemaCheck.AssertValidAsync(ManifestsYaml.Render(objects), objects.Count);
    }
}
