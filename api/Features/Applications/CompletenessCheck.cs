using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>Records the completeness check the domain decides on (<see cref="Completeness"/>): suspended while
/// documents are missing, or under review. An expired expert conclusion is flagged for the officer, never refused on.</summary>
public static class CompletenessCheck
{
    /// <summary>NoticeDate: when documents are missing, the first day of the suspension — the day the applicant was notified
    /// (services 1–3; defaults to the check's day) or received the notice (services 4–6; required).</summary>
    public sealed record Request(IReadOnlyList<string>? MissingDocuments, DateOnly? CheckedOn, DateOnly? NoticeDate = null);

    /// <summary>ExpertConclusionExpired: the expert conclusion was past its three months on the check's day; Notice says, in
    /// Kazakh and Russian, that the seed gives this no effect and the officer decides on the service's two grounds.</summary>
    public sealed record Response(Guid ApplicationId, string Status, int Version, DateOnly? DeadlineOn, IReadOnlyList<string> MissingDocuments,
        bool ExpertConclusionExpired, Text? Notice);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (request.CheckedOn > today || request.NoticeDate > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["checkedOn"] = ["The check and notice dates cannot be in the future."] },
                type: ProblemTypes.Validation);
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
            var service = app.Definition;
            if (Completeness.UnknownDocument(service, missing) is { } unknown)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Unknown document",
                    $"'{unknown}' is not a document of {service.Code}: {string.Join(", ", service.Documents.Select(d => d.Code))}.");

            var verdict = Completeness.Decide(service, app.Status, app.ExpertiseDate, checkedOn, missing);
            if (!verdict.Outcome.Allowed) return ApplicationRecords.NotAllowed(app, verdict.Outcome);
            var next = verdict.Outcome.Next!.Value;
            if (verdict.Step == ApplicationStep.SuspendForMissingDocuments)
            {
                var (start, error) = Completeness.SuspensionStartsOn(service, checkedOn, request.NoticeDate);
                if (error is not null) return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "When does the suspension start?", error);
                await ApplicationRecords.SuspendAsync(conn, tx, id, start!.Value, missing, actor, ct);
            }
            if (verdict.ExpertConclusionExpired) await ApplicationRecords.FlagExpiredExpertConclusionAsync(conn, tx, id, checkedOn, ct);
            ApplicationRecords.Move(tx, id, next, completenessCheckedOn: checkedOn);
            var deadline = next == ApplicationStatus.UnderReview ? app.DeadlineOn : null;
            return CommandOutcome.Success(200, new Response(id, next.Slug(), app.Version + 1, deadline,
                verdict.Step == ApplicationStep.SuspendForMissingDocuments ? missing : [],
                verdict.ExpertConclusionExpired, verdict.ExpertConclusionExpired ? Completeness.ExpiredExpertConclusionNotice : null), id);
        }, ct));
    }
}
