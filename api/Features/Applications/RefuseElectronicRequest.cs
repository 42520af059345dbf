using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>Services 1–4: an electronic request is not accepted on one of three grounds only (l. 282–288, 2495–2501,
/// 4725–4731, 6865–6871) — restricted access without a right to it, a resource the Committee does not hold and cannot
/// place, or a request whose object stays unclear. The non-acceptance is recorded and numbered; no application exists.</summary>
public static class RefuseElectronicRequest
{
    public sealed record Request([property: Required] string Service, [property: Required] string Ground,
        [property: Required, StringLength(500, MinimumLength = 2)] string ApplicantName, DateTimeOffset? ReceivedAt);

    /// <summary>Ground carries the seed's wording in Kazakh and its Russian translation.</summary>
    public sealed record Response(Guid Id, string Number, string Service, Text ServiceName, Ground Ground, string ApplicantName, DateTimeOffset ReceivedAt);

    public static async Task<Results<CreationResult<Response>, ValidationProblem>> Handle(Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var service = ServiceCatalogue.Find(request.Service);
        if (service is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["service"] = [$"Unknown service '{request.Service}'."] }, type: ProblemTypes.Validation);
        var now = clock.GetUtcNow();
        if (request.ReceivedAt > now)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["receivedAt"] = ["The request cannot arrive in the future."] }, type: ProblemTypes.Validation);

        return new CreationResult<Response>(await Commands.RunAsync(dataSource, http.Command("electronic-request.not-accepted", request), async (conn, tx, actor) =>
        {
            if (service.ElectronicRequestGrounds.Count == 0)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "No electronic requests", $"{service.Code} has no portal and no grounds for not accepting an electronic request.");
            var ground = service.ElectronicRequestGrounds.FirstOrDefault(g => string.Equals(g.Code, request.Ground, StringComparison.OrdinalIgnoreCase));
            if (ground is null)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Not a ground of the seed",
                    $"An electronic request to {service.Code} is not accepted only on: {string.Join(", ", service.ElectronicRequestGrounds.Select(g => g.Code))}.");
            var id = Guid.CreateVersion7();
            var receivedAt = request.ReceivedAt ?? now;
            var number = await Receipts.NextNumberAsync(conn, tx, Receipts.ElectronicRequestRefusal, receivedAt.Year, ct);
            await Receipts.RecordElectronicRequestRefusalAsync(conn, tx, id, number, service.Code, ground.Code, request.ApplicantName, receivedAt, actor, ct);
            return CommandOutcome.Success(StatusCodes.Status201Created,
                new Response(id, number, service.Code, service.Name.Text, ground, request.ApplicantName, receivedAt), id);
        }, ct));
    }
}
