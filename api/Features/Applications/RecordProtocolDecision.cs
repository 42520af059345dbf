using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;

namespace Registry.Api.Features.Applications;

/// <summary>Accreditation: the protocol decision (хаттамалық шешім) is recorded with its date; from it a reasoned refusal is
/// due within 5 working days (l. 6759), and an application still undecided after that shows in the overdue list. The seed
/// does not say who takes the protocol decision or by when.</summary>
public static class RecordProtocolDecision
{
    public sealed record Request(DateOnly DecidedOn);

    public sealed record Response(Guid ApplicationId, DateOnly ProtocolDecidedOn, DateOnly RefusalDueOn, int Version);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (request.DecidedOn > today) errors["decidedOn"] = ["The protocol date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the application's version."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command("application.protocol-decision", new { id, request }), async (conn, tx, actor) =>
        {
            var app = await ApplicationRecords.LockAsync(conn, tx, id, ct);
            if (ApplicationRecords.Check(app, id, expectedVersion) is { } refusal) return refusal;
            var service = app!.Definition;
            if (service.RefusalDueWorkingDaysAfterProtocol is null)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "No protocol decision", $"{service.Code} has no protocol decision; only accreditation does (l. 6759).");
            if (!ApplicationLifecycle.Apply(app.Status, ApplicationStep.Refuse).Allowed)
                return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Already decided", $"The application is already {app.StatusText}.");
            if (request.DecidedOn < app.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Protocol before submission", "The protocol decision cannot predate the application.");
            var due = Deadlines.RefusalDue(service, request.DecidedOn, calendar);
            await ApplicationRecords.TouchAsync(conn, tx, id, ct, request.DecidedOn, due);
            return CommandOutcome.Success(200, new Response(id, request.DecidedOn, due, app.Version + 1), id);
        }, ct));
    }
}
