using Dapper;
using Npgsql;
using Registry.Domain.Common;
using Registry.Domain.Complaints;
using Registry.Domain.Events;
using Registry.Domain.Events.V1;
using Registry.Domain.Services;

namespace Registry.Api.WriteModel;

public sealed record NewComplaint(Guid Id, string TalonNumber, byte[] AccessCodeHash, string? Service, Guid? ApplicationId, Guid? DocumentId,
    ComplaintSubject Subject, ComplaintAddressee Addressee, string ReceivedBy, DateTimeOffset ReceivedAt, ComplaintContents Contents,
    string AcceptedBy, string AcceptorContact, AnswerTerm Term, DateOnly AnswerDueOn, DateTimeOffset RegisteredAt);

public sealed record ComplaintAnswer(string Text, DateOnly AnsweredOn, string SignatoryRole, DateOnly PostedOn, string? TrackingNumber);

/// <summary>The complaints register's tables: the complaint, its status history, its answer — each change with a
/// <see cref="ComplaintChanged"/> outbox row in the same transaction.</summary>
public static class ComplaintRecords
{
    public const string TalonPrefix = "CMP";
    const string TalonCounter = "complaint-talon";

    /// <summary>CMP-2026-000001: gap-free per year (the seed sets no numbering format for talons, section 9 of the digest).</summary>
    public static async Task<string> NextTalonNumberAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int year, CancellationToken ct) =>
        $"{TalonPrefix}-{year:D4}-{await NumberSequences.NextAsync(conn, tx, TalonCounter, year, ct):D6}";

    const string Insert = """
        insert into complaints (id, talon_number, access_code_hash, service, application_id, document_id, subject, addressee, received_by, received_at,
            applicant_full_name, postal_address, complaint_date, signed, official_position, official_name, reasons, demands,
            accepted_by, acceptor_contact, answer_term, answer_term_source, answer_due_on, status, registered_at)
        values (@Id, @TalonNumber, @AccessCodeHash, @Service, @ApplicationId, @DocumentId, @subject, @addressee, @ReceivedBy, @ReceivedAt,
            @ApplicantFullName, @PostalAddress, @ComplaintDate, @Signed, @OfficialPosition, @OfficialName, @Reasons, @Demands,
            @AcceptedBy, @AcceptorContact, @term, @termSource, @AnswerDueOn, @registered, @RegisteredAt);
        insert into complaint_status_history (complaint_id, status, changed_at, recorded_by) values
            (@Id, @delivered, @ReceivedAt, @AcceptedBy), (@Id, @registered, @RegisteredAt, @AcceptedBy);
        """;

    /// <summary>Registers a complaint: delivered when it arrived, registered now, with its talon.</summary>
    public static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NewComplaint c, CancellationToken ct)
    {
        var contents = c.Contents;
        await conn.ExecuteAsync(new CommandDefinition(Insert, new
        {
            c.Id, c.TalonNumber, c.AccessCodeHash, c.Service, c.ApplicationId, c.DocumentId, subject = c.Subject.Slug(), addressee = c.Addressee.Slug(),
            c.ReceivedBy, c.ReceivedAt, contents.ApplicantFullName, contents.PostalAddress, contents.ComplaintDate, contents.Signed,
            contents.OfficialPosition, contents.OfficialName, contents.Reasons, contents.Demands, c.AcceptedBy, c.AcceptorContact,
            term = c.Term.Describe(), termSource = c.Term.Source, c.AnswerDueOn, c.RegisteredAt,
            delivered = ComplaintStatus.Delivered.Slug(), registered = ComplaintStatus.Registered.Slug(),
        }, tx, cancellationToken: ct));
        Append(tx, new ComplaintChanged(c.Id, 1, c.TalonNumber, c.Service, c.Addressee, ComplaintStatus.Registered, c.AnswerDueOn, c.RegisteredAt));
    }

    public sealed record Locked(Guid Id, string TalonNumber, string? Service, ComplaintAddressee Addressee, ComplaintStatus Status, DateOnly AnswerDueOn, int Version);

    sealed record LockedRow(Guid Id, string TalonNumber, string? Service, string Addressee, string Status, DateOnly AnswerDueOn, int Version);

    public static async Task<Locked?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<LockedRow>(new CommandDefinition("""
            select id, talon_number as talonnumber, service, addressee, status, answer_due_on as answerdueon, version
            from complaints where id = @id for update
            """, new { id }, tx, cancellationToken: ct));
        return row is null ? null
            : new(row.Id, row.TalonNumber, row.Service, Slugs.Parse<ComplaintAddressee>(row.Addressee), Slugs.Parse<ComplaintStatus>(row.Status), row.AnswerDueOn, row.Version);
    }

    /// <summary>Moves the complaint to <paramref name="next"/> with a history row (and the answer, when there is one).</summary>
    public static async Task<int> ChangeStatusAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Locked complaint, ComplaintStatus next, DateTimeOffset at,
        string actor, string? reason, ComplaintAnswer? answer, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            update complaints set status = @status, version = version + 1 where id = @id;
            insert into complaint_status_history (complaint_id, status, changed_at, reason, recorded_by) values (@id, @status, @at, @reason, @actor);
            """, new { id = complaint.Id, status = next.Slug(), at, reason, actor }, tx, cancellationToken: ct));
        if (answer is not null)
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into complaint_answers (complaint_id, text, answered_on, signatory_role, posted_on, tracking_number, recorded_by)
                values (@id, @Text, @AnsweredOn, @SignatoryRole, @PostedOn, @TrackingNumber, @actor)
                """, new { id = complaint.Id, answer.Text, answer.AnsweredOn, answer.SignatoryRole, answer.PostedOn, answer.TrackingNumber, actor }, tx, cancellationToken: ct));
        var version = complaint.Version + 1;
        Append(tx, new ComplaintChanged(complaint.Id, version, complaint.TalonNumber, complaint.Service, complaint.Addressee, next, complaint.AnswerDueOn, at));
        return version;
    }

    static void Append(NpgsqlTransaction tx, ComplaintChanged change) => Outbox.Append(tx, ComplaintChanged.Type, change.ComplaintId, change.ToJson());
}
