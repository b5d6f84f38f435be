namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>One condition of a personal intercept; a request goes to the intercept when all of them match.</summary>
internal interface IRequestCondition
{
    bool Matches(IRequestView request);

    /// <summary>
    /// What did not match, for the request log: names the header or the kind of path test, never a
    /// value, since a header's value (the intercept id, a token) is often what keeps a request private.
    /// </summary>
    string DescribeMismatch();
}
