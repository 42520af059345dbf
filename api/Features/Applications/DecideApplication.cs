using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

public static class DecideApplication
{
    /// <summary>Outcome: issue or refuse. A refusal needs at least one reason. DecidedOn defaults to today; a past date
    /// records a decision taken on paper earlier. ProtocolDecidedOn (accreditation): the commission's protocol date, from
    /// which a reasoned refusal is due within 5 working days.</summary>
    public sealed record Request(string Outcome, IReadOnlyList<string>? Reasons, DateOnly? DecidedOn, DateOnly? ProtocolDecidedOn = null);

    public sealed record Response(Guid ApplicationId, string Outcome, string? DocumentNumber, int Version, DateOnly? RefusalDueOn = null);

    public static async Task<IResult> Handle(Guid id, Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock,
        IOptions<DocumentTermOptions> terms, WorkingCalendar calendar, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var reasons = (request.Reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToArray();
        var errors = new Dictionary<string, string[]>();
        if (request.Outcome is not ("issue" or "refuse")) errors["outcome"] = ["Outcome must be issue or refuse."];
        if (request.Outcome == "refuse" && reasons.Length == 0) errors["reasons"] = ["A refusal must state its reasons."];
        if (request.DecidedOn > today) errors["decidedOn"] = ["The decision date cannot be in the future."];
        if (request.ProtocolDecidedOn > (request.DecidedOn ?? today)) errors["protocolDecidedOn"] = ["The protocol cannot postdate the decision."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the application's version, e.g. \"3\"."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return await Commands.RunAsync("application.decide", new { id, request }, http, dataSource, async (conn, tx, actor) =>
        {
            var app = await ApplicationRows.LockAsync(conn, tx, id, ct);
            if (ApplicationRows.Check(app, id, expectedVersion) is { } refusal) return refusal;
            var outcome = ApplicationLifecycle.Apply(app!.Status, request.Outcome == "refuse" ? ApplicationStep.Refuse : ApplicationStep.Issue);
            if (!outcome.Allowed) return ApplicationRows.NotAllowed(app, outcome);
            var decidedOn = request.DecidedOn ?? today;
            if (decidedOn < app.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Decision before submission", "A decision cannot predate the application.");
            var service = ServiceCatalogue.Find(app.Service)!;
            DateOnly? refusalDue = request.ProtocolDecidedOn is { } protocol && service.RefusalDueWorkingDaysAfterProtocol is not null
                ? Deadlines.RefusalDue(service, protocol, calendar) : null;

            await conn.ExecuteAsync(new CommandDefinition(
                "update applications set status = @status, protocol_decided_on = @ProtocolDecidedOn, version = version + 1 where id = @id",
                new { id, status = outcome.Next!.Value.Slug(), request.ProtocolDecidedOn }, tx, cancellationToken: ct));
            string? number = null;
            if (outcome.Next == ApplicationStatus.Refused)
                await conn.ExecuteAsync(new CommandDefinition(
                    "insert into application_refusals (application_id, reasons, refused_on, refused_by) values (@id, @reasons, @decidedOn, @actor)",
                    new { id, reasons, decidedOn, actor }, tx, cancellationToken: ct));
            else // last: issuing locks the kind's number counter until commit, and every other issuer of that kind waits on it
                number = await DocumentIssuance.IssueAsync(conn, tx, id, service.Result, app.ApplicantId, decidedOn, terms.Value.ValidUntil(service.Result, decidedOn),
                    deemed: false, actor, ct);
            return CommandOutcome.Success(200, new Response(id, request.Outcome, number, app.Version + 1, refusalDue), id);
        }, ct);
    }
}
