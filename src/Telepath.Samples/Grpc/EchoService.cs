using Grpc.Core;

namespace Telepath.Samples.Grpc;

internal sealed class EchoService(ServedBy me) : Echo.EchoBase
{
    public override Task<SayReply> Say(SayRequest request, ServerCallContext context) =>
        Task.FromResult(new SayReply { Text = request.Text, ServedBy = me.Name });

    public override async Task Count(CountRequest request, IServerStreamWriter<SayReply> responseStream, ServerCallContext context)
    {
        for (var i = 1; i <= request.Count; i++)
        {
            if (i > 1 && request.IntervalMs > 0)
            {
                await Task.Delay(request.IntervalMs, context.CancellationToken);
            }

            await responseStream.WriteAsync(new SayReply { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ServedBy = me.Name }, context.CancellationToken);
        }
    }
}
