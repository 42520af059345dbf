using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Common;
using Registry.Domain.Complaints;

namespace Registry.Api.Features.Complaints;

/// <summary>Officers' view of one complaint: everything it states, its term, its history and its answer.</summary>
public static class GetComplaint
{
    public sealed record ComplaintHistoryEntry(string Status, DateTimeOffset ChangedAt, string? Reason, string RecordedBy);

    public sealed record ComplaintAnswerView(string Text, DateOnly AnsweredOn, string SignatoryRole, DateOnly PostedOn, string? TrackingNumber, string RecordedBy);

    public sealed record Response(Guid Id, string TalonNumber, string Service, Guid? ApplicationId, Guid? DocumentId, string Subject, string Addressee,
        string ReceivedBy, DateTimeOffset ReceivedAt, string ApplicantFullName, string PostalAddress, DateOnly ComplaintDate, string OfficialPosition,
        string OfficialName, string Reasons, string Demands, string AcceptedBy, string AcceptorContact, string AnswerTerm, string AnswerTermSource,
        DateOnly AnswerDueOn, string Status, int Version, bool Overdue, IReadOnlyList<ComplaintHistoryEntry> History, ComplaintAnswerView? Answer);

    sealed record Row(Guid Id, string TalonNumber, string Service, Guid? ApplicationId, Guid? DocumentId, string Subject, string Addressee,
        string ReceivedBy, DateTime ReceivedAt, string ApplicantFullName, string PostalAddress, DateOnly ComplaintDate, string OfficialPosition,
        string OfficialName, string Reasons, string Demands, string AcceptedBy, string AcceptorContact, string AnswerTerm, string AnswerTermSource,
        DateOnly AnswerDueOn, string Status, int Version);

    sealed record HistoryRow(string Status, DateTime ChangedAt, string? Reason, string RecordedBy);

    const string Sql = """
        select id, talon_number as talonnumber, service, application_id as applicationid, document_id as documentid, subject, addressee,
               received_by as receivedby, received_at as receivedat, applicant_full_name as applicantfullname, postal_address as postaladdress,
               complaint_date as complaintdate, official_position as officialposition, official_name as officialname, reasons, demands,
               accepted_by as acceptedby, acceptor_contact as acceptorcontact, answer_term as answerterm, answer_term_source as answertermsource,
               answer_due_on as answerdueon, status, version
        from complaints where id = @id;
        select status, changed_at as changedat, reason, recorded_by as recordedby from complaint_status_history where complaint_id = @id order by id;
        select text, answered_on as answeredon, signatory_role as signatoryrole, posted_on as postedon, tracking_number as trackingnumber, recorded_by as recordedby
        from complaint_answers where complaint_id = @id;
        """;

    public static async Task<Results<Ok<Response>, NotFoundProblem>> Handle(Guid id, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(Sql, new { id }, cancellationToken: ct));
        var c = await grid.ReadSingleOrDefaultAsync<Row>();
        if (c is null) return new NotFoundProblem("Complaint not found", $"No complaint {id}.");
        var history = (await grid.ReadAsync<HistoryRow>()).Select(h => new ComplaintHistoryEntry(h.Status, new DateTimeOffset(h.ChangedAt, TimeSpan.Zero), h.Reason, h.RecordedBy)).ToList();
        var answer = await grid.ReadSingleOrDefaultAsync<ComplaintAnswerView>();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        return TypedResults.Ok(new Response(c.Id, c.TalonNumber, c.Service, c.ApplicationId, c.DocumentId, c.Subject, c.Addressee, c.ReceivedBy,
            new DateTimeOffset(c.ReceivedAt, TimeSpan.Zero), c.ApplicantFullName, c.PostalAddress, c.ComplaintDate, c.OfficialPosition, c.OfficialName,
            c.Reasons, c.Demands, c.AcceptedBy, c.AcceptorContact, c.AnswerTerm, c.AnswerTermSource, c.AnswerDueOn, c.Status, c.Version,
            ComplaintDeadline.IsOverdue(Slugs.Parse<ComplaintStatus>(c.Status), c.AnswerDueOn, today), history, answer));
    }
}
