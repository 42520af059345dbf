using Npgsql;
using OpenTelemetry.Metrics;
using Registry.Projections.Diagnostics;

namespace Registry.Api.Infrastructure;

/// <summary>
/// OpenTelemetry metrics in Prometheus text format at <c>GET /metrics</c>, for operators only (a bearer token with the
/// admin or monitor role): request duration histograms per route (ASP.NET Core), rate-limit decisions (the rate
/// limiter's meter), connection pool and command metrics (Npgsql), read-cache lookups, outbox depth and projector lag
/// (<see cref="RegistryMetrics"/>), and the runtime's own (System.Runtime: the GC heap and its collections, the working set,
/// the thread pool), which tell a memory budget's live bytes from what the GC keeps committed around them.
/// </summary>
public static class Metrics
{
    public const string Path = "/metrics";

    public static void AddRegistryMetrics(this WebApplicationBuilder builder) =>
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "System.Runtime", RegistryMetrics.MeterName)
            .AddNpgsqlInstrumentation()
            .AddView(instrument => new MetricStreamConfiguration { CardinalityLimit = CardinalityLimit(instrument.Name) })
            .AddPrometheusExporter());

    /// <summary>
    /// The most series (combinations of tag values) a metric keeps; past it, measurements go to one overflow series. Each
    /// metric's points are allocated up front: at OpenTelemetry's default of 2,000, the 49 metrics took 7 MB of arrays of
    /// 144 KB, kept for the process's life on the large-object heap, to hold a handful of series each. Request durations
    /// have a series per route, method, status and protocol, a few hundred at most; every other metric has fewer than ten.
    /// </summary>
    static int CardinalityLimit(string instrument) => instrument == RequestDuration ? 1000 : 100;

    const string RequestDuration = "http.server.request.duration";

    public static void MapRegistryMetrics(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(Policies.ReadMetrics).ExcludeFromDescription();

    public static string Describe(WebApplication app) => $"GET {Path} with an admin or monitor bearer token";
}
