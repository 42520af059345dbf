using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>Records the completeness check the domain decides on (<see cref="Completeness"/>): refused, suspended while
/// documents are missing, or under review.</summary>
public static class CompletenessCheck
{
    public sealed record Request(IReadOnlyList<string>? MissingDocuments, DateOnly? CheckedOn);

    public sealed record Response(Guid ApplicationId, string Status, int Version, DateOnly? DeadlineOn, IReadOnlyList<string> MissingDocuments, IReadOnlyList<string>? RefusalReasons);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (request.CheckedOn > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["checkedOn"] = ["The check date cannot be in the future."] }, type: ProblemTypes.Validation);
        if (!ExpectedVersion.TryRead(http, out var expectedVersion))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the application's version."] }, type: ProblemTypes.Validation);
        string[] missing = [.. (request.MissingDocuments ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct()];
        var checkedOn = request.CheckedOn ?? today;

        return new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command("application.completeness-check", new { id, request }), async (conn, tx, actor) =>
        {
            var app = await ApplicationRecords.LockAsync(conn, tx, id, ct);
            if (ApplicationRecords.Check(app, id, expectedVersion) is { } refusal) return refusal;
            if (checkedOn < app!.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Check before submission", "The completeness check cannot predate the application.");
            var service = ServiceCatalogue.Find(app.Service)!;
            if (Completeness.UnknownDocument(service, missing) is { } unknown)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Unknown document",
                    $"'{unknown}' is not a document of {service.Code}: {string.Join(", ", service.Documents.Select(d => d.Code))}.");

            var verdict = Completeness.Decide(service, app.Status, app.ExpertiseDate, checkedOn, missing);
            if (!verdict.Outcome.Allowed) return ApplicationRecords.NotAllowed(app, verdict.Outcome);
            var next = verdict.Outcome.Next!.Value;
            switch (verdict.Step)
            {
                case ApplicationStep.Refuse:
                    await ApplicationRecords.RefuseAsync(conn, tx, id, verdict.RefusalReasons, checkedOn, actor, "completeness-check", ct);
                    break;
                case ApplicationStep.SuspendForMissingDocuments:
                    await ApplicationRecords.SuspendAsync(conn, tx, id, checkedOn, missing, actor, ct);
                    break;
            }
            await ApplicationRecords.MoveAsync(conn, tx, id, next, ct, completenessCheckedOn: checkedOn);
            var deadline = next == ApplicationStatus.UnderReview ? app.DeadlineOn : null;
            return CommandOutcome.Success(200, new Response(id, next.Slug(), app.Version + 1, deadline,
                verdict.Step == ApplicationStep.SuspendForMissingDocuments ? missing : [],
                verdict.Step == ApplicationStep.Refuse ? verdict.RefusalReasons : null), id);
        }, ct));
    }
}
