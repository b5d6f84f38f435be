using System.Text;
using Telepath.Tunnels.Volumes;

namespace Telepath.Tunnels.Tests.Volumes;

public sealed class VolumeListTests
{
    [Fact]
    public void A_list_reads_back_as_it_was_written()
    {
        var list = new VolumeList([new VolumeEntry("/etc/config", true), new VolumeEntry("/var/data", false)]);

        var (read, error) = VolumeList.Parse(list.ToJson());

        Assert.Null(error);
        Assert.Equal(list.Volumes, read!.Volumes);
        Assert.Equal("""{"volumes":[{"path":"/etc/config","readOnly":true},{"path":"/var/data","readOnly":false}]}""", Encoding.UTF8.GetString(list.ToJson()));
    }

    [Theory]
    [InlineData("""{"volumes":[{"path":"/etc/../../home","readOnly":true}]}""", "unusable path")]
    [InlineData("""{"volumes":[{"path":"etc/config","readOnly":true}]}""", "unusable path")]
    [InlineData("""{"volumes":[{"path":"/","readOnly":true}]}""", "unusable path")]
    [InlineData("""{"volumes":[{"path":"/a//b","readOnly":true}]}""", "unusable path")]
    [InlineData("""{"volumes":[{"path":"/a/./b","readOnly":true}]}""", "unusable path")]
    [InlineData("""{"volumes":[{"path":"/a\nb","readOnly":true}]}""", "unusable path")]
    [InlineData("""{"volumes":[{"path":"/a","readOnly":true},{"path":"/a","readOnly":false}]}""", "twice")]
    [InlineData("""{"other":1}""", "no \"volumes\"")]
    [InlineData("""not json""", "not valid JSON")]
    public void A_hostile_list_is_refused_with_the_reason(string json, string reason)
    {
        var (list, error) = VolumeList.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Null(list);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void An_oversized_list_is_refused_before_it_is_parsed()
    {
        var (list, error) = VolumeList.Parse(new byte[VolumeList.MaxBytes + 1]);

        Assert.Null(list);
        Assert.Contains("larger than", error);
    }
}
