using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Dapper;
using Npgsql;
using Registry.Projections.Outbox;

namespace Registry.Api.Features.Health;

public sealed class HealthModule : ICarterModule
{
    /// <summary>Readiness fails when a projector's oldest unprocessed event is older than this.</summary>
    static readonly TimeSpan MaxProjectionLag = TimeSpan.FromSeconds(30);

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/health").WithTags("Health").AllowAnonymous()
            .ExcludeFromDescription(); // probes for the platform, not part of the public contract
        g.MapGet("/live", () => TypedResults.Text("ok")).WithName("Live").WithSummary("The process is up");
        g.MapGet("/ready", Ready).WithName("Ready").WithSummary("The database answers and the projections keep up");
    }

    public sealed record Readiness(string Status, bool Database, IReadOnlyList<ProjectorLag> Projections);

    static async Task<JsonHttpResult<Readiness>> Ready(NpgsqlDataSource dataSource, ProjectionStatus projections, CancellationToken ct)
    {
        try
        {
            await using (var conn = await dataSource.OpenConnectionAsync(ct))
                await conn.ExecuteScalarAsync<int>(new CommandDefinition("select 1", cancellationToken: ct));
            var lag = await projections.LagAsync(ct);
            var behind = lag.Any(l => l.OldestPendingSeconds > MaxProjectionLag.TotalSeconds);
            return TypedResults.Json(new Readiness(behind ? "projections-behind" : "ready", true, lag),
                statusCode: behind ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
        }
        catch (NpgsqlException)
        {
            return TypedResults.Json(new Readiness("database-unreachable", false, []), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
