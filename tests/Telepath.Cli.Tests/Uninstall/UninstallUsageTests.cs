using Telepath.Cli.Commands;

namespace Telepath.Cli.Tests.Uninstall;

public sealed class UninstallUsageTests
{
    [Theory]
    [InlineData("choose what to uninstall: --agent NAME, --all-agents or --everything")]
    [InlineData("choose what to uninstall: --agent NAME, --all-agents or --everything, only one of them", "--all-agents", "--everything")]
    public void Uninstall_needs_exactly_one_of_its_choices(string error, params string[] choices)
    {
        var parse = CommandTree.Build().Parse(["uninstall", .. choices]);

        Assert.Equal(error, Assert.Single(parse.Errors).Message);
    }

    [Fact]
    public void One_choice_parses()
    {
        Assert.Empty(CommandTree.Build().Parse(["uninstall", "--agent", "orders"]).Errors);
    }
}
