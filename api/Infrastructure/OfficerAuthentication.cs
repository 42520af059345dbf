using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Registry.Api.Infrastructure;

public static class OfficerAuthentication
{
    public const string Scheme = "Bearer";

    public static void AddOfficerAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<OfficerOptions>(builder.Configuration.GetSection("Officers"));
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, OfficerTokenHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.RecordDecisions, p => p.RequireRole(Roles.Officer, Roles.Admin))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.ReadMetrics, p => p.RequireRole(Roles.Admin, Roles.Monitor));
    }

    public static string OfficerName(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    /// <summary>Officers only (the policy's roles), declared once for the group: 401 without a valid token, 403 with the
    /// wrong role. Officers write: their requests get the longer write time-out.</summary>
    public static RouteGroupBuilder RequireOfficer(this RouteGroupBuilder group, string policy)
    {
        group.RequireAuthorization(policy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
        group.WithRequestTimeout(Outages.WritePolicy);
        return group;
    }
}
