using Grpc.Core;
using Telepath.Protocol.Manager;
using Telepath.TrafficManager.Intercepts;

namespace Telepath.TrafficManager.Tests.Intercepts;

/// <summary>A client that skips the CLI's checks still cannot give the agents a pattern they would not run.</summary>
public sealed class InterceptSpecValidatorTests
{
    [Fact]
    public void A_header_pattern_that_needs_backtracking_is_refused_saying_so()
    {
        var spec = Spec();
        spec.Headers.Add(new HeaderCondition { Name = "x-user", ValueRegex = @"(a)\1" });

        var error = Assert.Throws<RpcException>(() => InterceptSpecValidator.Validate(spec));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            @"invalid regular expression for the header x-user condition ""(a)\1"": not supported without backtracking (patterns run with RegexOptions.NonBacktracking): backreference (\ number)",
            error.Status.Detail);
    }

    [Fact]
    public void A_pattern_that_would_backtrack_catastrophically_is_accepted()
    {
        var spec = Spec();
        spec.PathRegex = "/(a+)+b";

        InterceptSpecValidator.Validate(spec);
    }

    private static InterceptSpec Spec() => new() { Name = "orders-alice", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 };
}
