namespace Telepath.TrafficManager.Auth;

/// <summary>Either the caller or why it is refused.</summary>
public readonly record struct CallerCheck(Caller? Caller, CallerRefusal? Refusal)
{
    public static CallerCheck Admit(Caller caller) => new(caller, null);

    public static CallerCheck Refuse(CallerRefusal refusal) => new(null, refusal);
}
