using System.Text.RegularExpressions;
using Telepath.Cli.Commands.Intercept;
using Telepath.Cli.Tests.Harness;
using Telepath.Protocol.Manager;

namespace Telepath.Cli.Tests.Intercept;

public sealed class InterceptTextTests
{
    private const string Id = "5d0c8b52-1f7e-4c1a-9b0e-3b2f0a6c7d21";

    [Fact]
    public void The_auto_header_is_shown_unescaped_with_the_path_conditions()
    {
        var info = new InterceptInfo
        {
            Id = Id,
            State = InterceptState.Waiting,
            WorkloadKind = "StatefulSet",
            Spec = new InterceptSpec { Name = "orders.v2", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 9000, PathPrefix = "/api" },
        };
        info.Spec.Headers.Add(new HeaderCondition { Name = "x-telepath-intercept-id", ValueRegex = Regex.Escape($"{Id}:orders.v2") });

        var text = InterceptText.Format(info);

        Assert.Equal(
            Lines.Of(
                "Using StatefulSet orders",
                "intercepted",
                "    Intercept name: orders.v2",
                "    State         : WAITING",
                "    Workload kind : StatefulSet",
                "    Destination   : 127.0.0.1:9000",
                "    Intercepting  : HTTP requests that match all of:",
                $"      header(\"x-telepath-intercept-id\") ~= regexp(\"{Id}:orders.v2\")",
                "      path prefix \"/api\""),
            text.Replace(Environment.NewLine, "\n"));
    }

    [Fact]
    public void A_waiting_intercept_says_why_on_its_own_line_without_the_control_characters_it_was_sent()
    {
        var info = new InterceptInfo
        {
            Id = Id,
            State = InterceptState.Waiting,
            StateReason = "waiting for 1 of 2 traffic agents of orders to apply it (pod orders-1\u001b[2J)",
            WorkloadKind = "Deployment",
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        };

        var lines = InterceptText.Format(info).Replace(Environment.NewLine, "\n").Split('\n');

        Assert.Equal("    State         : WAITING", lines[3]);
        Assert.Equal("    Reason        : waiting for 1 of 2 traffic agents of orders to apply it (pod orders-1?[2J)", lines[4]);
        Assert.Equal("    Workload kind : Deployment", lines[5]);
    }

    [Fact]
    public void An_active_intercept_has_no_reason_line()
    {
        var info = new InterceptInfo
        {
            Id = Id,
            State = InterceptState.Active,
            WorkloadKind = "Deployment",
            Spec = new InterceptSpec { Name = "orders", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 8080 },
        };

        Assert.DoesNotContain("Reason", InterceptText.Format(info));
    }

    [Fact]
    public void A_mirror_says_what_it_copies_and_what_it_does_not()
    {
        var info = new InterceptInfo
        {
            Id = Id,
            State = InterceptState.Active,
            WorkloadKind = "Deployment",
            Spec = new InterceptSpec { Name = "copy", Workload = "orders", TargetHost = "127.0.0.1", TargetPort = 9000, PathPrefix = "/api", Mirror = true, MirrorBodyLimit = 64 * 1024 },
        };

        Assert.Equal(
            Lines.Of(
                "Using Deployment orders",
                "mirrored",
                "    Intercept name: copy",
                "    State         : ACTIVE",
                "    Workload kind : Deployment",
                "    Destination   : 127.0.0.1:9000",
                "    Mirroring     : a copy of the HTTP requests that match all of (the app still answers them):",
                "      path prefix \"/api\"",
                "    Mirrored      : HTTP/1.1, HTTP/2 and unary gRPC, bodies up to 64 KiB (longer ones cut and marked); WebSocket, streaming gRPC and non-HTTP TCP are not mirrored"),
            InterceptText.Format(info).Replace(Environment.NewLine, "\n"));
    }
}
