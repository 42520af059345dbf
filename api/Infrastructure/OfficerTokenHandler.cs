using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Registry.Api.Infrastructure;

sealed class OfficerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<OfficerOptions> officers) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());

        var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        foreach (var credential in officers.CurrentValue.Credentials)
        {
            if (credential.Token.Length == 0) continue;
            if (!CryptographicOperations.FixedTimeEquals(presented, Encoding.UTF8.GetBytes(credential.Token))) continue;
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, credential.Name), new Claim(ClaimTypes.Role, credential.Role)], OfficerAuthentication.Scheme);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), OfficerAuthentication.Scheme)));
        }
        return Task.FromResult(AuthenticateResult.Fail("Unknown bearer token."));
    }

    /// <summary>RFC 6750: a 401 names the scheme, and says when a presented token was not accepted.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Headers.Authorization.Count > 0
            ? "Bearer realm=\"registry\", error=\"invalid_token\""
            : "Bearer realm=\"registry\"";
        return Task.CompletedTask;
    }
}
