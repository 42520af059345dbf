using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Applications;

namespace Registry.Api.Features.Applications;

/// <summary>The application row every command locks first, and the refusals common to all of them.</summary>
static class ApplicationRows
{
    public sealed record Row(string Service, Guid ApplicantId, string StatusText, int Version, DateOnly SubmittedOn, DateOnly? DeadlineOn, DateOnly? ExpertiseDate)
    {
        public ApplicationStatus Status => ApplicationLifecycle.Parse(StatusText);
    }

    const string Lock = """
        select a.service, a.applicant_id as applicantid, a.status as statustext, a.version, a.submitted_on as submittedon, a.deadline_on as deadlineon,
               e.expertise_date as expertisedate
        from applications a left join expert_conclusions e on e.application_id = a.id
        where a.id = @id
        for update of a
        """;

    public static Task<Row?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Lock, new { id }, tx, cancellationToken: ct));

    /// <summary>Not found, or a stale If-Match version.</summary>
    public static CommandOutcome? Check(Row? app, Guid id, int? expectedVersion)
    {
        if (app is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "Application not found", $"No application {id}.");
        if (expectedVersion is { } v && v != app.Version)
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Stale version", $"The application is at version {app.Version}, not {v}.",
                new Dictionary<string, object?> { ["currentVersion"] = app.Version });
        return null;
    }

    public static CommandOutcome NotAllowed(Row app, ApplicationLifecycle.Outcome outcome) =>
        CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Step not allowed", outcome.Refusal ?? $"The application is {app.StatusText}.",
            new Dictionary<string, object?> { ["status"] = app.StatusText });
}
