namespace Telepath.Hub.Tests.Infrastructure;

/// <summary>A person at the hub's /device page: looks a user code up, then approves or denies it.</summary>
public static class DeviceApproval
{
    public static async Task<HubPage> LookUpDeviceCodeAsync(this HubBrowser person, string userCode) =>
        await person.SubmitAsync($"/device?user_code={userCode}", new Dictionary<string, string> { ["user_code"] = userCode }, "/device?handler=Lookup");

    /// <param name="decision">"approve" or "deny".</param>
    public static async Task<HubPage> DecideDeviceCodeAsync(this HubBrowser person, HubPage confirm, string decision)
    {
        var userCode = confirm.Html.Split("name=\"user_code\" value=\"")[1].Split('"')[0];
        return await person.PostFormAsync("/device?handler=Decide", new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = confirm.AntiforgeryToken,
            ["user_code"] = userCode,
            ["decision"] = decision,
        });
    }
}
