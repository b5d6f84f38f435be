namespace Telepath.TrafficAgent.Routing.Conditions;

/// <summary>One condition of a personal intercept; a request goes to the intercept when all of them match.</summary>
internal interface IRequestCondition
{
    bool Matches(IRequestView request);
}
