using Registry.Api.WriteModel;

namespace Registry.Api.Infrastructure;

public static class OfficerCommands
{
    /// <summary>A command as an officer's HTTP request asks it: the signed-in officer acts, the Idempotency-Key header
    /// makes retries safe, the request path is part of what the key is bound to.</summary>
    public static CommandRequest Command(this HttpContext http, string action, object request) =>
        new(action, request, http.User.OfficerName(), http.Request.Path.Value ?? "", http.Request.Headers[Commands.IdempotencyHeader]);
}
