using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure;

namespace Registry.Api.Features.Health;

/// <summary>Probes for the platform: liveness (the process answers) and readiness (the database answers and the
/// projections keep up). Anonymous, not rate-limited, documented for operators.</summary>
public sealed class HealthModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        g.MapGet("/live", () => TypedResults.Text("ok")).WithName("Live").WithSummary("The process is up (always 200 \"ok\" while it runs)");
        g.MapGet("/ready", Ready).WithName("Ready")
            .WithSummary("The database answers and every projector's oldest pending event is younger than 30 s")
            .WithDescription("200 when ready; 503 with the same body when the database is unreachable or the projections are behind. The answer is computed at most once a second.")
            .Produces<ReadinessProbe.Readiness>(StatusCodes.Status200OK)
            .Produces<ReadinessProbe.Readiness>(StatusCodes.Status503ServiceUnavailable);
    }

    static async Task<JsonHttpResult<ReadinessProbe.Readiness>> Ready(ReadinessProbe probe, HttpContext http, CancellationToken ct)
    {
        var readiness = await probe.CheckAsync(ct);
        if (readiness.Status != ReadinessProbe.Ready) http.Response.Headers.RetryAfter = ProblemTypes.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Json(readiness, statusCode: readiness.Status == ReadinessProbe.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
