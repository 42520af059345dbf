using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Api.WriteModel;

/// <summary>Issued documents: issuing (by an officer's decision or deemed by silence) and status changes, each with its
/// history entry and outbox event in the same transaction.</summary>
public static class IssuedDocuments
{
    /// <summary>The English history reason documents deemed issued carried before migration 0222 replaced it with the
    /// service's Kazakh / Russian wording; kept so that the website still labels any copy of it in both languages.</summary>
    public const string DeemedReason = "Deemed issued: no answer by the deadline";

    /// <summary>Document row, first history entry, outbox event — the number itself is assigned with the commit (see
    /// <see cref="DocumentNumberAtCommit"/>): put the returned value on the command's outcome, and its placeholder wherever the
    /// answer shows the number.</summary>
    public static async Task<DocumentNumberAtCommit> IssueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid applicationId, DocumentKind kind, Guid holderId,
        DateOnly issuedOn, DateOnly? validUntil, string? deemedReason, string actor, CancellationToken ct)
    {
        var numbering = new DocumentNumberAtCommit(Guid.CreateVersion7(), kind, issuedOn.Year);
        var deemed = deemedReason is not null;
        await Outbox.AppendDocumentChangedAsync(conn, tx, numbering.DocumentId, deemed ? "deemed-issued" : "issued", ct, """
            insert into documents (id, application_id, kind, number, number_norm, holder_id, status, issued_on, valid_until, deemed)
            values (@documentId, @applicationId, @kind, @placeholder, @placeholder, @holderId, @status, @issuedOn, @validUntil, @deemed);
            insert into document_status_history (document_id, status, effective_on, public_reason, recorded_by)
            values (@documentId, @status, @issuedOn, @deemedReason, @actor);
            """, new
        {
            applicationId, kind = kind.Slug(), placeholder = numbering.Placeholder, holderId, status = DocumentStatus.Valid.Slug(),
            issuedOn, validUntil, deemed, actor, deemedReason,
        });
        return numbering;
    }

    public sealed record Row(Guid Id, string Number, string StatusText, int Version, DateOnly IssuedOn, DateOnly? ValidUntil, string Kind, Guid ApplicationId)
    {
        public DocumentStatus Status => Slugs.Parse<DocumentStatus>(StatusText);
    }

    public static Task<Row?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string numberNorm, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            select id, number, status as statustext, version, issued_on as issuedon, valid_until as validuntil, kind, application_id as applicationid
            from documents where number_norm = @numberNorm for update
            """,
            new { numberNorm }, tx, cancellationToken: ct));

    /// <summary>Not found, or a stale If-Match version.</summary>
    public static CommandOutcome? Check(Row? document, string number, int? expectedVersion)
    {
        if (document is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "Document not found", $"No document numbered '{number}'.");
        if (expectedVersion is { } v && v != document.Version)
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Stale version", $"The document is at version {document.Version}, not {v}.",
                new Dictionary<string, object?> { ["currentVersion"] = document.Version });
        return null;
    }

    /// <summary>Records the status the domain decided, its history entry (public reason; internal note, never published)
    /// and the outbox event.</summary>
    public static Task ChangeStatusAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, DocumentStatus status, DateOnly effectiveOn,
        string publicReason, string? internalNote, string actor, CancellationToken ct) =>
        Outbox.AppendDocumentChangedAsync(conn, tx, id, status.Slug(), ct, """
            update documents set status = @status, version = version + 1 where id = @id;
            insert into document_status_history (document_id, status, effective_on, public_reason, internal_note, recorded_by)
            values (@id, @status, @effectiveOn, @publicReason, @internalNote, @actor);
            """, new { id, status = status.Slug(), effectiveOn, publicReason, internalNote, actor });

    /// <summary>A change to the document's public content without a change of status (a duplicate issued, a correction):
    /// a new version and its event.</summary>
    public static Task RepublishAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, string change, CancellationToken ct) =>
        Outbox.AppendDocumentChangedAsync(conn, tx, id, change, ct, "update documents set version = version + 1 where id = @documentId");

    /// <summary>Numbers of documents in one of <paramref name="statuses"/> whose term ended before <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<string>> TermEndedAsync(NpgsqlConnection conn, IReadOnlyList<DocumentStatus> statuses, DateOnly today, CancellationToken ct) =>
        (await conn.QueryAsync<string>(new CommandDefinition(
            "select number_norm from documents where status = any(@statuses) and valid_until < @today order by valid_until",
            new { statuses = statuses.Select(s => s.Slug()).ToArray(), today }, cancellationToken: ct))).AsList();
}
