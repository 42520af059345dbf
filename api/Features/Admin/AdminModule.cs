using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.WriteModel;

namespace Registry.Api.Features.Admin;

/// <summary>Administrators run the deemed-decision and expiry sweep on demand.</summary>
public sealed class AdminModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireOfficer(Policies.Administer);
        g.MapPost("/deadlines/sweep", Sweep).WithName("SweepDeadlines")
            .WithSummary("Deem issued every application left unanswered past its deadline, and expire documents whose term has ended");
    }

    static async Task<Ok<DeadlineSweep.Result>> Sweep([FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, IOptions<DocumentTermOptions> terms, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await DeadlineSweep.RunAsync(dataSource, terms.Value, DateOnly.FromDateTime(clock.GetLocalNow().Date), ct));
}
