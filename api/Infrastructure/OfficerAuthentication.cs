using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Registry.Api.Infrastructure;

/// <summary>One credential per officer: an opaque bearer token, the officer's name (recorded in audit and receipts) and a role.</summary>
public sealed class OfficerCredential
{
    public string Token { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = Roles.Officer;
}

public sealed class OfficerOptions
{
    public List<OfficerCredential> Credentials { get; set; } = [];
}

public static class Roles
{
    public const string Officer = "officer";
    public const string Admin = "admin";
    public const string Auditor = "auditor";
}

public static class Policies
{
    public const string RecordDecisions = "record-decisions";
    public const string Administer = "administer";
}

public static class OfficerAuthentication
{
    public const string Scheme = "Bearer";

    public static void AddOfficerAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<OfficerOptions>(builder.Configuration.GetSection("Officers"));
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, OfficerTokenHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.RecordDecisions, p => p.RequireRole(Roles.Officer, Roles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin));
    }

    public static string OfficerName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>Officers only (the policy's roles), declared once for the group: 401 without a valid token, 403 with the wrong role.</summary>
    public static RouteGroupBuilder RequireOfficer(this RouteGroupBuilder group, string policy) =>
        group.RequireAuthorization(policy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
}

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
}
