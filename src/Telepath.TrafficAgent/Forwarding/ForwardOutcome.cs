namespace Telepath.TrafficAgent.Forwarding;

/// <summary>What became of one HTTP request; counted, never thrown.</summary>
internal enum ForwardOutcome
{
    /// <summary>No intercept matched; the app answered.</summary>
    App,

    /// <summary>A personal intercept matched; the laptop answered.</summary>
    Intercept,

    /// <summary>An intercept matched but its laptop or the manager could not take it: the app answered.</summary>
    FailedOpen,

    /// <summary>The laptop took the request but nothing listens at the intercept's target: 502.</summary>
    TargetUnreachable,

    /// <summary>The tunnel or the laptop failed otherwise: 502, or a cut response if it had started.</summary>
    InterceptFailed,

    /// <summary>The app could not be reached or failed mid-response.</summary>
    AppFailed,

    /// <summary>The client went away or sent a broken body; nobody is left to answer.</summary>
    ClientGone,
}
