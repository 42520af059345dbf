using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>Missing documents arrived: consideration resumes and the deadline moves by the days it was suspended.</summary>
public static class SupplyDocuments
{
    public sealed record Request(IReadOnlyList<string> Documents, DateOnly? ReceivedOn);

    public sealed record Response(Guid ApplicationId, string Status, int Version, DateOnly? DeadlineOn, IReadOnlyList<string> StillMissing);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (request.Documents is not { Count: > 0 } || request.ReceivedOn > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["documents"] = ["Name the documents received (codes), on a date not in the future."] }, type: ProblemTypes.Validation);
        if (!ExpectedVersion.TryRead(http, out var expectedVersion))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the application's version."] }, type: ProblemTypes.Validation);
        var receivedOn = request.ReceivedOn ?? today;

        return new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command("application.documents-supplied", new { id, request }), async (conn, tx, actor) =>
        {
            var app = await ApplicationRecords.LockAsync(conn, tx, id, ct);
            if (ApplicationRecords.Check(app, id, expectedVersion) is { } refusal) return refusal;
            var open = await ApplicationRecords.OpenSuspensionAsync(conn, tx, id, ct);
            var outcome = ApplicationLifecycle.Apply(app!.Status, ApplicationStep.ReceiveMissingDocuments);
            if (!outcome.Allowed || open is null) return ApplicationRecords.NotAllowed(app, outcome);
            if (receivedOn < open.SuspendedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Before the suspension", "Documents cannot arrive before the suspension began.");
            var stillMissing = open.Missing.Except(request.Documents, StringComparer.OrdinalIgnoreCase).ToArray();
            if (stillMissing.Length > 0)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Documents still missing",
                    $"Consideration stays suspended until these arrive: {string.Join(", ", stillMissing)}.", new Dictionary<string, object?> { ["stillMissing"] = stillMissing });

            var suspensions = await ApplicationRecords.ResumeAsync(conn, tx, id, open.Id, receivedOn, request.Documents, ct);
            var due = Deadlines.Compute(ServiceCatalogue.Find(app.Service)!.Deadline, app.SubmittedOn, suspensions, calendar).Due;
            await ApplicationRecords.SetDeadlineAsync(conn, tx, id, due, ct);
            ApplicationRecords.Move(tx, id, outcome.Next!.Value);
            return CommandOutcome.Success(200, new Response(id, outcome.Next!.Value.Slug(), app.Version + 1, due, []), id);
        }, ct));
    }
}
