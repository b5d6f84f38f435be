using Telepath.Hub.Data;

namespace Telepath.Hub.Tests.Data;

public sealed class PreviewIdTests
{
    [Fact]
    public void Preview_ids_are_lowercase_dns_labels_starting_with_a_letter()
    {
        var ids = Enumerable.Range(0, 500).Select(_ => PreviewId.New()).ToList();

        Assert.All(ids, id => Assert.Matches("^[a-z][a-z0-9]{11}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
