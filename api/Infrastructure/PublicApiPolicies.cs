using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Registry.Api.Infrastructure;

public sealed class PublicRateLimitOptions
{
    /// <summary>Sustained requests per second per client (by remote address); bursts up to twice that.</summary>
    public int PermitsPerSecond { get; set; } = 50;
}

/// <summary>What third parties rely on: CORS for GET from any origin, and a per-client rate limit with 429 + Retry-After.</summary>
public static class PublicApiPolicies
{
    public const string PolicyName = "public";
    const string CorsPolicy = "public-get";

    public static void AddPublicApiPolicies(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimiting").Get<PublicRateLimitOptions>() ?? new PublicRateLimitOptions();
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD", "OPTIONS")
            .AllowAnyHeader().WithExposedHeaders("ETag", "Retry-After")));
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(PolicyName, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.PermitsPerSecond * 2,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await ProblemTypes.Problem(429, ProblemTypes.TooManyRequests, "Too many requests",
                    $"This client sent more than {limits.PermitsPerSecond} requests per second; retry after {retryAfter} s.").ExecuteAsync(context.HttpContext);
            };
        });
    }

    public static void UsePublicApiPolicies(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();
    }

    /// <summary>Every anonymous endpoint shares the per-client limit, and says so in OpenAPI (429 with Retry-After).</summary>
    public static RouteGroupBuilder RequirePublicRateLimit(this RouteGroupBuilder group) =>
        group.RequireRateLimiting(PolicyName).RequireCors(CorsPolicy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), ["application/problem+json"]));
}
