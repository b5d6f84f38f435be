namespace Telepath.Hub.Accounts;

/// <summary>One organisation a person may act in, as the switcher and the device approval page offer it.</summary>
public sealed record OrganisationChoice(Guid Id, string Name);
