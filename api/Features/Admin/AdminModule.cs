using Carter;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Infrastructure;

namespace Registry.Api.Features.Admin;

public sealed class AdminModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.Administer);
        g.MapPost("/deadlines/sweep", Sweep).WithName("SweepDeadlines")
            .WithSummary("Deem issued every application left unanswered past its deadline, and expire documents whose term has ended")
            .Produces<DeadlineSweep.Result>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    static async Task<IResult> Sweep(NpgsqlDataSource dataSource, IOptions<DocumentTermOptions> terms, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await DeadlineSweep.RunAsync(dataSource, terms.Value, DateOnly.FromDateTime(clock.GetLocalNow().Date), ct));
}
