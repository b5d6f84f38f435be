using Microsoft.AspNetCore.Http;

namespace Telepath.TrafficManager.Auth;

/// <summary>Establishes who sent a request from its headers and its connection alone, before its body is read.</summary>
public interface ICallerAuthentication
{
    ValueTask<CallerCheck> AuthenticateAsync(HttpContext context);
}
