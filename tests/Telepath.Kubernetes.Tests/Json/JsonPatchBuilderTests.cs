using System.Text.Json.Nodes;
using Telepath.Kubernetes.Json;
using Telepath.Kubernetes.Tests.Infrastructure;

namespace Telepath.Kubernetes.Tests.Json;

public class JsonPatchBuilderTests
{
    [Theory]
    [InlineData("""{"a":1,"b":{"c":[1,2]}}""", """{"a":2,"b":{"c":[1,3],"d":"x"}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2,3]}""")]
    [InlineData("""{"a":{"x/y":1,"t~":2}}""", """{"a":{"t~":3}}""")]
    [InlineData("""{"a":null}""", """{"a":{"b":1}}""")]
    public void The_patch_turns_before_into_after(string before, string after)
    {
        var ops = new JsonPatchBuilder().Diff("", JsonNode.Parse(before), JsonNode.Parse(after)).Build();

        var result = JsonPatchApplier.Apply(JsonNode.Parse(before)!, ops);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(after), result), result.ToJsonString());
    }

    [Fact]
    public void Equal_values_need_no_operation()
    {
        Assert.Equal(0, new JsonPatchBuilder().Diff("/x", JsonNode.Parse("""{"a":[1]}"""), JsonNode.Parse("""{"a":[1]}""")).Count);
    }
}
