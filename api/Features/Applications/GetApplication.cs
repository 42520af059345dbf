using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;

namespace Registry.Api.Features.Applications;

/// <summary>An application as officers see it: status, version (its ETag, for If-Match), channel and Centre, deadlines,
/// the applicant, the result or the refusal (grounds, explanation, notice number), the expert-conclusion flag and, for
/// accreditation, the protocol decision and the refusal's due date. Never public.</summary>
public static class GetApplication
{
    public sealed class Response
    {
        public Guid Id { get; init; }
        public string Service { get; init; } = "";
        public string Channel { get; init; } = "";
        public string? CentreId { get; init; }
        public string Status { get; init; } = "";
        public int Version { get; init; }
        public DateOnly SubmittedOn { get; init; }
        public DateOnly? DeadlineOn { get; init; }
        public DateOnly? CompletenessDueOn { get; init; }
        public string ApplicantName { get; init; } = "";
        public string? ApplicantIdentifier { get; init; }
        public string? RepresentativeName { get; init; }
        public string? DocumentNumber { get; init; }
        public DateOnly? ExpertConclusionFoundExpiredOn { get; init; }
        public DateOnly? ProtocolDecidedOn { get; init; }
        public DateOnly? RefusalDueOn { get; init; }
        public string[]? RefusalGrounds { get; init; }
        public string? RefusalExplanation { get; init; }
        public string? RefusalNoticeNumber { get; init; }
    }

    const string Sql = """
        select a.id, a.service, a.channel, a.centre_id as centreid, a.status, a.version, a.submitted_on as submittedon, a.deadline_on as deadlineon,
               a.completeness_due_on as completenessdueon, p.name as applicantname, p.identifier as applicantidentifier,
               a.representative_name as representativename, d.number as documentnumber, e.found_expired_on as expertconclusionfoundexpiredon,
               a.protocol_decided_on as protocoldecidedon, a.refusal_due_on as refusaldueon,
               r.grounds as refusalgrounds, r.explanation as refusalexplanation, n.number as refusalnoticenumber
        from applications a
        join applicants p on p.id = a.applicant_id
        left join documents d on d.application_id = a.id
        left join expert_conclusions e on e.application_id = a.id
        left join application_refusals r on r.application_id = a.id
        left join refusal_notices n on n.application_id = a.id
        where a.id = @id
        """;

    public static async Task<Results<Ok<Response>, NotModified, NotFoundProblem>> Handle(Guid id, HttpContext http, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Response>(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
        if (row is null) return new NotFoundProblem("Application not found", $"No application {id}.");
        return Caching.IsNotModified(http, row.Version, "private, no-cache") ? new NotModified() : TypedResults.Ok(row);
    }
}
