using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.Features.Webhooks;

/// <summary>Third parties authenticate with the API key an officer issued them, in the <c>X-Api-Key</c> header. Keys are
/// 32 random bytes; the database keeps only their SHA-256, so a dump cannot be used to call the API.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string Role = "webhook-client";
    public const string Policy = "third-party";
    const string Prefix = "rk_";

    public static void AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(Scheme, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Role));
    }

    /// <summary>Third parties only, declared once for the group: 401 without a valid key. Their requests write, so they get
    /// the longer write time-out.</summary>
    public static RouteGroupBuilder RequireApiKey(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(Policy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]));
        group.WithRequestTimeout(Outages.WritePolicy);
        return group;
    }

    public static string NewKey() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static Guid ClientId(this ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}

sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    NpgsqlDataSource dataSource) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    const string FindClient = "select id, name from webhook_clients where key_hash = @hash and revoked_at is null";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = Request.Headers[ApiKeyAuthentication.Header];
        if (string.IsNullOrEmpty(key)) return AuthenticateResult.NoResult();
        await using var conn = await dataSource.OpenConnectionAsync(Context.RequestAborted);
        var client = await conn.QuerySingleOrDefaultAsync<(Guid Id, string Name)?>(new CommandDefinition(
            FindClient, new { hash = ApiKeyAuthentication.Hash(key.Trim()) }, cancellationToken: Context.RequestAborted));
        if (client is not { } found) return AuthenticateResult.Fail("Unknown or revoked API key.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.Id.ToString()),
            new Claim(ClaimTypes.Name, $"webhook-client {found.Id}"),
            new Claim(ClaimTypes.Role, ApiKeyAuthentication.Role),
        ], ApiKeyAuthentication.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme));
    }
}
