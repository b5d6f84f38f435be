using System.Text.Json.Nodes;
using Telepath.KubeApi.TestServer.Patching;

namespace Telepath.KubeApi.TestServer.Tests.Patching;

public class StrategicMergePatchTests
{
    private static readonly JsonObject Spec = JsonNode.Parse("""
        {"containers":[{"name":"app","image":"a:1","ports":[{"containerPort":80,"name":"http"}],
          "env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]}],
         "volumes":[{"name":"data","emptyDir":{}}],"tolerations":[{"key":"x"}]}
        """)!.AsObject();

    [Fact]
    public void Container_ports_merge_by_container_port_and_env_by_name()
    {
        var patched = StrategicMergePatch.Apply(Spec, Parse("""
            {"containers":[{"name":"app","ports":[{"containerPort":80,"name":"web"},{"containerPort":9900,"name":"agent"}],
              "env":[{"name":"B","value":"3"}]}]}
            """));

        var app = patched["containers"]![0]!;
        Assert.Equal("a:1", app["image"]!.GetValue<string>());
        Assert.Equal("""[{"containerPort":80,"name":"web"},{"containerPort":9900,"name":"agent"}]""", app["ports"]!.ToJsonString());
        Assert.Equal("""[{"name":"A","value":"1"},{"name":"B","value":"3"}]""", app["env"]!.ToJsonString());
    }

    [Fact]
    public void Patch_delete_removes_an_element_and_patch_replace_a_whole_list()
    {
        var patched = StrategicMergePatch.Apply(Spec, Parse("""
            {"containers":[{"name":"app","env":[{"name":"A","$patch":"delete"}]}],
             "volumes":[{"name":"cache","emptyDir":{}},{"$patch":"replace"}]}
            """));

        Assert.Equal("""[{"name":"B","value":"2"}]""", patched["containers"]![0]!["env"]!.ToJsonString());
        Assert.Equal("""[{"name":"cache","emptyDir":{}}]""", patched["volumes"]!.ToJsonString());
    }

    [Fact]
    public void Lists_without_a_merge_key_are_replaced_and_null_deletes()
    {
        var patched = StrategicMergePatch.Apply(Spec, Parse("""{"tolerations":[{"key":"y"}],"volumes":null}"""));

        Assert.Equal("""[{"key":"y"}]""", patched["tolerations"]!.ToJsonString());
        Assert.False(patched.ContainsKey("volumes"));
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
