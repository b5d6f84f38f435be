using System.Text;
using Telepath.Hub.Previews.Proxy;

namespace Telepath.Hub.Tests.Previews.Proxy;

public sealed class BannerStreamTests
{
    private static readonly byte[] Banner = "[B]"u8.ToArray();

    private static async Task<string> RewriteAsync(params string[] pieces)
    {
        using var output = new MemoryStream();
        await using var stream = new BannerStream(output, Banner);
        foreach (var piece in pieces)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(piece));
        }

        await stream.CompleteAsync(CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task The_banner_goes_before_the_body_end_even_when_it_is_split_across_writes()
    {
        Assert.Equal("<p>x</p>[B]</body></html>", await RewriteAsync("<p>x</p></bo", "dy></html>"));
        Assert.Equal("<p>x</p>[B]</BoDy>", await RewriteAsync("<p>x</p><", "/", "B", "o", "D", "y", ">"));
    }

    [Fact]
    public async Task Only_the_last_body_end_gets_the_banner()
    {
        Assert.Equal("<script>'</body>'</script>[B]</body>", await RewriteAsync("<script>'</body>'</script>", "</body>"));
    }

    [Fact]
    public async Task A_page_without_a_body_end_gets_the_banner_at_the_end()
    {
        Assert.Equal("<h1>fragment</h1>[B]", await RewriteAsync("<h1>frag", "ment</h1>"));
    }

    [Fact]
    public async Task What_comes_before_the_held_tail_goes_out_while_the_body_still_streams()
    {
        using var output = new MemoryStream();
        var stream = new BannerStream(output, Banner);

        await stream.WriteAsync(Encoding.UTF8.GetBytes(new string('a', 10_000)));

        Assert.Equal(10_000 - 6, output.Length);
    }
}
