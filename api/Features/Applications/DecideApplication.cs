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

/// <summary>The officer's decision: issue the result document (a new number) or refuse on the service's grounds, which
/// produces the reasoned refusal notice.</summary>
public static class DecideApplication
{
    public const int MaxExplanationLength = 4000;
    public const int MaxSignatoryRoleLength = 200;

    /// <summary>Outcome: issue or refuse. A refusal names Grounds — codes from the service's two (GET /api/v1/services/{code},
    /// refusalGrounds) — an Explanation in the officer's words, and the SignatoryRole of who signs the notice (a position,
    /// never a name). A suspended application may be refused for incomplete-information only. DecidedOn defaults to today;
    /// a past date records a decision taken on paper. ProtocolDecidedOn (accreditation only): the protocol decision, from
    /// which a refusal is due within 5 working days; required to refuse an accreditation unless already recorded.
    /// Specialists (accreditation, optional): the staff as its documents show, checked against the second ground.</summary>
    public sealed record Request(string Outcome, IReadOnlyList<string>? Grounds = null, string? Explanation = null, string? SignatoryRole = null,
        DateOnly? DecidedOn = null, DateOnly? ProtocolDecidedOn = null, IReadOnlyList<Specialist>? Specialists = null);

    /// <summary>SurveyCode: the one-time code of the anonymous satisfaction survey, printed on the result or the refusal
    /// notice; shown in this answer only (a retry with the same Idempotency-Key gets null: only its hash is kept).</summary>
    public sealed record Response(Guid ApplicationId, string Outcome, string? DocumentNumber, int Version, DateOnly? RefusalDueOn = null,
        RefusalNotice? RefusalNotice = null, string? SurveyCode = null);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
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
        if (request.Outcome == "refuse")
        {
            if (Grounds(request).Length == 0) errors["grounds"] = ["A refusal names its grounds: codes from the service's refusalGrounds."];
            if (string.IsNullOrWhiteSpace(request.Explanation) || request.Explanation.Length > MaxExplanationLength)
                errors["explanation"] = [$"A reasoned refusal explains itself in the officer's words (at most {MaxExplanationLength} characters)."];
            if (string.IsNullOrWhiteSpace(request.SignatoryRole) || request.SignatoryRole.Length > MaxSignatoryRoleLength)
                errors["signatoryRole"] = ["The position of the official who signs the refusal notice (not a name)."];
        }
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
            var refuse = request.Outcome == "refuse";
            var outcome = ApplicationLifecycle.Apply(app!.Status, refuse ? ApplicationStep.Refuse : ApplicationStep.Issue);
            if (!outcome.Allowed) return ApplicationRecords.NotAllowed(app, outcome);
            var decidedOn = request.DecidedOn ?? today;
            if (decidedOn < app.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Decision before submission", "A decision cannot predate the application.");
            var service = app.Definition;
            if (request.ProtocolDecidedOn is not null && service.RefusalDueWorkingDaysAfterProtocol is null)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "No protocol decision", $"{service.Code} has no protocol decision; only accreditation does (l. 6759).");
            if (StaffProblem(service, request, refuse) is { } staff) return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Staff contradicts the decision", staff);

            if (!refuse)
            {
                ApplicationRecords.Move(tx, id, outcome.Next!.Value, protocolDecidedOn: request.ProtocolDecidedOn);
                var surveyCode = SurveyCodes.Issue(tx, service.Code, decidedOn);
                var numbering = await IssuedDocuments.IssueAsync(conn, tx, id, service.Result, app.ApplicantId, decidedOn, terms.ValidUntil(service.Result, decidedOn),
                    deemedReason: null, actor, ct);
                var issued = new Response(id, request.Outcome, numbering.Placeholder, app.Version + 1);
                return CommandOutcome.SuccessShownOnce(200, issued with { SurveyCode = surveyCode }, issued, id) with { Numbering = numbering };
            }

            var verdict = Refusals.Decide(service, app.Status, Grounds(request));
            if (verdict.Error is { } groundError) return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Not a ground of this service", groundError,
                new Dictionary<string, object?> { ["refusalGrounds"] = service.RefusalGrounds.Select(g => g.Code).ToArray() });
            var protocol = request.ProtocolDecidedOn ?? app.ProtocolDecidedOn;
            if (service.RefusalDueWorkingDaysAfterProtocol is not null && protocol is null)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Protocol decision missing",
                    "An accreditation refusal follows the protocol decision and is due 5 working days after it (l. 6759): give protocolDecidedOn.");
            if (protocol > decidedOn) return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Protocol after the decision", "The protocol cannot postdate the refusal.");
            DateOnly? due = protocol is { } p ? Deadlines.RefusalDue(service, p, calendar) : null;
            var noticeNumbering = new PaperAtCommit(Receipts.RefusalNotice, id, decidedOn.Year);
            var notice = Refusals.Notice(service, noticeNumbering.Placeholder, decidedOn, app.ApplicantName,
                verdict.Grounds, request.Explanation!.Trim(), request.SignatoryRole!.Trim(), protocol, due);
            await ApplicationRecords.RefuseAsync(conn, tx, id, notice, actor, ct);
            ApplicationRecords.Move(tx, id, outcome.Next!.Value, protocolDecidedOn: protocol, refusalDueOn: due);
            var refused = new Response(id, request.Outcome, null, app.Version + 1, due, notice);
            return CommandOutcome.SuccessShownOnce(200, refused with { SurveyCode = SurveyCodes.Issue(tx, service.Code, decidedOn) }, refused, id)
                with { Numbering = noticeNumbering };
        }, ct);

    /// <summary>Accreditation's second ground is a count (l. 6861): a staff list given with the decision must agree with it.</summary>
    static string? StaffProblem(ServiceDefinition service, Request request, bool refuse)
    {
        if (request.Specialists is not { } staff) return null;
        if (service.RefusalGrounds.All(g => g.Code != AccreditationStaff.Ground))
            return $"A staff list belongs to accreditation only, not to {service.Code}.";
        var fewer = AccreditationStaff.FewerThanRequired(staff);
        if (!refuse && fewer)
            return $"Fewer than {AccreditationStaff.RequiredSpecialists} qualified specialists: the seed's second ground applies, so the certificate cannot be issued.";
        if (refuse && !fewer && Grounds(request).Contains(AccreditationStaff.Ground, StringComparer.OrdinalIgnoreCase))
            return $"The staff list has {staff.Count(AccreditationStaff.Qualified)} qualified specialists: the ground {AccreditationStaff.Ground} does not hold.";
        return null;
    }

    static string[] Grounds(Request request) => [.. (request.Grounds ?? []).Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => g.Trim()).Distinct()];
}
