using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>The officer's decision: issue the result document (a new number) or refuse with reasons.</summary>
public static class DecideApplication
{
    /// <summary>Outcome: issue or refuse. A refusal needs at least one reason. DecidedOn defaults to today; a past date
    /// records a decision taken on paper earlier. ProtocolDecidedOn (accreditation): the commission's protocol date, from
    /// which a reasoned refusal is due within 5 working days.</summary>
    public sealed record Request(string Outcome, IReadOnlyList<string>? Reasons, DateOnly? DecidedOn, DateOnly? ProtocolDecidedOn = null);

    public sealed record Response(Guid ApplicationId, string Outcome, string? DocumentNumber, int Version, DateOnly? RefusalDueOn = null);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, NpgsqlDataSource dataSource,
        TimeProvider clock, IOptions<DocumentTermOptions> terms, WorkingCalendar calendar, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (!ExpectedVersion.TryRead(http, out var expectedVersion))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the application's version, e.g. \"3\"."] },
                type: ProblemTypes.Validation);
        if (Validate(request, today) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        return new CommandResult<Response>(await ExecuteAsync(dataSource, http.Command("application.decide", new { id, request }), id, request, expectedVersion,
            today, terms.Value, calendar, ct));
    }

    public static Dictionary<string, string[]> Validate(Request request, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Outcome is not ("issue" or "refuse")) errors["outcome"] = ["Outcome must be issue or refuse."];
        if (request.Outcome == "refuse" && Reasons(request).Length == 0) errors["reasons"] = ["A refusal must state its reasons."];
        if (request.DecidedOn > today) errors["decidedOn"] = ["The decision date cannot be in the future."];
        if (request.ProtocolDecidedOn > (request.DecidedOn ?? today)) errors["protocolDecidedOn"] = ["The protocol cannot postdate the decision."];
        return errors;
    }

    /// <summary>The command itself, for a request that passed <see cref="Validate"/>: officers' requests and the demo seeder run it alike.</summary>
    public static Task<CommandReply> ExecuteAsync(NpgsqlDataSource dataSource, CommandRequest command, Guid id, Request request, int? expectedVersion,
        DateOnly today, DocumentTermOptions terms, WorkingCalendar calendar, CancellationToken ct) =>
        Commands.RunAsync(dataSource, command, async (conn, tx, actor) =>
        {
            var app = await ApplicationRecords.LockAsync(conn, tx, id, ct);
            if (ApplicationRecords.Check(app, id, expectedVersion) is { } refusal) return refusal;
            var outcome = ApplicationLifecycle.Apply(app!.Status, request.Outcome == "refuse" ? ApplicationStep.Refuse : ApplicationStep.Issue);
            if (!outcome.Allowed) return ApplicationRecords.NotAllowed(app, outcome);
            var decidedOn = request.DecidedOn ?? today;
            if (decidedOn < app.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Decision before submission", "A decision cannot predate the application.");
            var service = ServiceCatalogue.Find(app.Service)!;
            DateOnly? refusalDue = request.ProtocolDecidedOn is { } protocol && service.RefusalDueWorkingDaysAfterProtocol is not null
                ? Deadlines.RefusalDue(service, protocol, calendar) : null;

            await ApplicationRecords.MoveAsync(conn, tx, id, outcome.Next!.Value, ct, protocolDecidedOn: request.ProtocolDecidedOn);
            string? number = null;
            if (outcome.Next == ApplicationStatus.Refused)
                await ApplicationRecords.RefuseAsync(conn, tx, id, Reasons(request), decidedOn, actor, "decision", ct);
            else // last: issuing locks the kind's number counter until commit
                number = await IssuedDocuments.IssueAsync(conn, tx, id, service.Result, app.ApplicantId, decidedOn, terms.ValidUntil(service.Result, decidedOn),
                    deemed: false, actor, ct);
            return CommandOutcome.Success(200, new Response(id, request.Outcome, number, app.Version + 1, refusalDue), id);
        }, ct);

    static string[] Reasons(Request request) => [.. (request.Reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim())];
}
