using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Registry.Api.Infrastructure;

/// <summary>Who a rate limit is for when several API instances serve one registry.</summary>
public enum RateLimitScope
{
    /// <summary>The limit holds across every instance: each of N live instances (<see cref="LiveInstances"/>) gives a
    /// client address 1/N of it. Exact behind a balancer that spreads a client's requests (round robin, least
    /// connections); stricter — 1/N — for a client pinned to one instance (IP hash, sticky sessions).</summary>
    Shared,

    /// <summary>Every instance gives each client address the whole limit: N instances allow N times the limit in total.</summary>
    PerInstance,
}

public sealed class PublicRateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Sustained requests per second per client address; bursts up to twice that.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    public RateLimitScope Scope { get; set; } = RateLimitScope.Shared;

    /// <summary>This instance's share of the limit, rounded, at least 1 per second.</summary>
    public int PermitsPerInstance(int liveInstances) => Scope == RateLimitScope.PerInstance
        ? PermitsPerSecond
        : Math.Max(1, (int)Math.Round(PermitsPerSecond / (double)Math.Max(1, liveInstances)));
}

/// <summary>What third parties rely on: CORS for GET from any origin, and a per-client-address rate limit with 429 +
/// Retry-After. The client address is the connection's, or the one a known proxy forwarded (<see cref="KnownProxies"/>).</summary>
public static class PublicApiPolicies
{
    public const string PolicyName = "public";
    const string CorsPolicy = "public-get";

    public static void AddPublicApiPolicies(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimiting").Get<PublicRateLimitOptions>() ?? new PublicRateLimitOptions();
        builder.AddKnownProxies();
        builder.Services.AddSingleton<LiveInstances>();
        if (limits is { Enabled: true, Scope: RateLimitScope.Shared }) builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveInstances>());
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.AllowAnyOrigin().WithMethods("GET", "HEAD", "OPTIONS")
            .AllowAnyHeader().WithExposedHeaders("ETag", "Retry-After")));
        builder.Services.AddRateLimiter(o =>
        {
            // The share is part of the key: when the instance count changes, clients move to buckets of the new size.
            o.AddPolicy(PolicyName, http => RateLimitPartition.GetTokenBucketLimiter(
                new ClientPartition(http.Connection.RemoteIpAddress, limits.PermitsPerInstance(http.RequestServices.GetRequiredService<LiveInstances>().Count)),
                client => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = client.Permits * 2,
                    TokensPerPeriod = client.Permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                // Name the address that was counted: behind a proxy that is not configured as known, or a NAT, it is shared.
                var address = context.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "an unknown address";
                var scope = limits.Scope == RateLimitScope.Shared ? "across the whole service" : "on each of its servers";
                await ProblemTypes.Problem(429, ProblemTypes.TooManyRequests, "Too many requests",
                    $"Requests from {address} exceeded {limits.PermitsPerSecond} per second, a limit per client address {scope}; retry after {retryAfter} s.")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    readonly record struct ClientPartition(IPAddress? Address, int Permits);

    public static void UsePublicApiPolicies(this WebApplication app)
    {
        app.UseKnownProxies();
        app.UseCors();
        // RateLimiting:Enabled=false (a gateway in front limits already) leaves the limiter out of the pipeline entirely.
        if (app.Configuration.GetValue("RateLimiting:Enabled", true)) app.UseRateLimiter();
    }

    /// <summary>Every anonymous endpoint shares the per-client limit, and says so in OpenAPI (429 with Retry-After).</summary>
    public static RouteGroupBuilder RequirePublicRateLimit(this RouteGroupBuilder group) =>
        group.RequireRateLimiting(PolicyName).RequireCors(CorsPolicy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ProblemDetails), ["application/problem+json"]));
}
