namespace Telepath.Bench;

/// <summary>A failure the bench explains in one line (a component misbehaved, a tool is missing); anything else is a bug of the bench.</summary>
internal sealed class BenchException(string message) : Exception(message);
