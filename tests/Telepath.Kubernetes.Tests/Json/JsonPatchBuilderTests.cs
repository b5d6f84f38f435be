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
    [InlineData("""{"c":[{"name":"app","x":1}]}""", """{"c":[{"name":"app","x":2},{"name":"agent"}]}""")]
    [InlineData("""{"c":[{"name":"a"},{"name":"b","p":1},{"name":"c"}]}""", """{"c":[{"name":"n"},{"name":"b","p":2},{"name":"m"}]}""")]
    [InlineData("""{"c":[{"name":"a"},{"name":"b"}]}""", """{"c":[{"name":"b"},{"name":"a"}]}""")]
    public void The_patch_turns_before_into_after(string before, string after)
    {
        var ops = new JsonPatchBuilder().Diff("", JsonNode.Parse(before), JsonNode.Parse(after)).Build();

        var result = JsonPatchApplier.Apply(JsonNode.Parse(before)!, ops);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(after), result), result.ToJsonString());
    }

    [Fact]
    public void A_named_element_that_is_added_does_not_rewrite_the_others()
    {
        var before = JsonNode.Parse("""{"c":[{"name":"app","unknownField":1}]}""");
        var after = JsonNode.Parse("""{"c":[{"name":"app","unknownField":1},{"name":"agent"}]}""");

        var ops = new JsonPatchBuilder().Diff("/spec", before, after).Build();

        Assert.Equal("""[{"op":"add","path":"/spec/c/1","value":{"name":"agent"}}]""", ops.ToJsonString());
    }

    [Fact]
    public void Equal_values_need_no_operation()
    {
        Assert.Equal(0, new JsonPatchBuilder().Diff("/x", JsonNode.Parse("""{"a":[1]}"""), JsonNode.Parse("""{"a":[1]}""")).Count);
    }
}
