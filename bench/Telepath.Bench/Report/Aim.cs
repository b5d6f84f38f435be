namespace Telepath.Bench.Report;

/// <summary>One aim of issue 11: the figure this run measured, the aim, and whether it was met; or why it could not be judged.</summary>
internal sealed record Aim(string What, string Figure, string Goal, bool Met)
{
    /// <summary>Why there is no verdict: the figures it needs were not measured in this run.</summary>
    public string? NotJudged { get; init; }

    /// <summary>Printed after the verdict, e.g. errors the load generator saw.</summary>
    public string? Note { get; init; }

    public static void PrintAll(TextWriter output, IReadOnlyList<Aim> aims)
    {
        output.WriteLine("Aims of issue 11 (every ratio is to a baseline measured in this run)");
        output.WriteLine($"  {"what",-42} {"figure",-26} {"aim",-44} result");
        foreach (var aim in aims)
        {
            var result = aim.NotJudged is { } why ? $"not judged: {why}" : aim.Met ? "met" : "MISSED";
            var note = aim.Note is { } n ? $" ({n})" : "";
            output.WriteLine($"  {aim.What,-42} {aim.Figure,-26} {aim.Goal,-44} {result}{note}".TrimEnd());
        }
    }
}
