namespace Telepath.Samples;

/// <summary>Who this instance is ("cluster", "laptop"): part of every answer.</summary>
public sealed record ServedBy(string Name);
