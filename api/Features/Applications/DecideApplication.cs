using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Applications;

public static class DecideApplication
{
    /// <summary>Outcome: issue or refuse. A refusal needs at least one reason. DecidedOn defaults to today; a past date
    /// records a decision taken on paper earlier.</summary>
    public sealed record Request(string Outcome, IReadOnlyList<string>? Reasons, DateOnly? DecidedOn);

    public sealed record Response(Guid ApplicationId, string Outcome, string? DocumentNumber, int Version);

    static readonly string[] Decidable = ["submitted", "under-review"];

    public static async Task<IResult> Handle(Guid id, Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<DocumentTermOptions> terms, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var reasons = (request.Reasons ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToArray();
        var errors = new Dictionary<string, string[]>();
        if (request.Outcome is not ("issue" or "refuse")) errors["outcome"] = ["Outcome must be issue or refuse."];
        if (request.Outcome == "refuse" && reasons.Length == 0) errors["reasons"] = ["A refusal must state its reasons."];
        if (request.DecidedOn > today) errors["decidedOn"] = ["The decision date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the application's version, e.g. \"3\"."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);

        return await Commands.RunAsync("application.decide", new { id, request }, http, dataSource, async (conn, tx, actor) =>
        {
            var app = await conn.QuerySingleOrDefaultAsync<ApplicationRow>(new CommandDefinition(
                "select service, applicant_id as applicantid, status, version, submitted_on as submittedon from applications where id = @id for update",
                new { id }, tx, cancellationToken: ct));
            if (app is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "Application not found", $"No application {id}.");
            if (expectedVersion is { } v && v != app.Version)
                return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Stale version", $"The application is at version {app.Version}, not {v}.",
                    new Dictionary<string, object?> { ["currentVersion"] = app.Version });
            if (!Decidable.Contains(app.Status))
                return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Already decided", $"The application is {app.Status}; it cannot be decided again.",
                    new Dictionary<string, object?> { ["status"] = app.Status });
            var decidedOn = request.DecidedOn ?? today;
            if (decidedOn < app.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Decision before submission", "A decision cannot predate the application.");

            string? number = null;
            if (request.Outcome == "refuse")
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "insert into application_refusals (application_id, reasons, refused_on, refused_by) values (@id, @reasons, @decidedOn, @actor)",
                    new { id, reasons, decidedOn, actor }, tx, cancellationToken: ct));
            }
            else
            {
                DocumentKinds.TryParseSlug(app.Service, out var kind);
                number = await DocumentIssuance.IssueAsync(conn, tx, id, kind, app.ApplicantId, decidedOn, terms.Value.ValidUntil(kind, decidedOn), deemed: false, actor, ct);
            }
            var status = request.Outcome == "refuse" ? "refused" : "issued";
            await conn.ExecuteAsync(new CommandDefinition("update applications set status = @status, version = version + 1 where id = @id",
                new { id, status }, tx, cancellationToken: ct));
            return CommandOutcome.Success(200, new Response(id, request.Outcome, number, app.Version + 1), id);
        }, ct);
    }

    sealed record ApplicationRow(string Service, Guid ApplicantId, string Status, int Version, DateOnly SubmittedOn);
}
