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
    /// <summary>The history reason of a document deemed issued (the website shows it in Kazakh and Russian).</summary>
    public const string DeemedReason = "Deemed issued: no answer by the deadline";

    /// <summary>Number, document row, first history entry, outbox event. Call it last in a transaction: it locks the
    /// kind's number counter until commit, and every other issuer of that kind waits on it.</summary>
    public static async Task<string> IssueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid applicationId, DocumentKind kind, Guid holderId,
        DateOnly issuedOn, DateOnly? validUntil, bool deemed, string actor, CancellationToken ct)
    {
        var sequence = await NumberSequences.NextAsync(conn, tx, kind.Slug(), issuedOn.Year, ct);
        var number = DocumentNumber.Format(kind, issuedOn.Year, sequence);
        var documentId = Guid.CreateVersion7();
        // The document's rows and the outbox event share a round trip: the number counter stays locked until commit.
        await Outbox.AppendDocumentChangedAsync(conn, tx, documentId, deemed ? "deemed-issued" : "issued", ct, """
            insert into documents (id, application_id, kind, number, number_norm, holder_id, status, issued_on, valid_until, deemed)
            values (@documentId, @applicationId, @kind, @number, @norm, @holderId, @status, @issuedOn, @validUntil, @deemed);
            insert into document_status_history (document_id, status, effective_on, reason, recorded_by)
            values (@documentId, @status, @issuedOn, @reason, @actor);
            """, new
        {
            applicationId, kind = kind.Slug(), number, norm = DocumentNumber.Normalize(number), holderId, status = DocumentStatus.Valid.Slug(),
            issuedOn, validUntil, deemed, actor, reason = deemed ? DeemedReason : null,
        });
        return number;
    }

    public sealed record Row(Guid Id, string Number, string StatusText, int Version, DateOnly IssuedOn, DateOnly? ValidUntil)
    {
        public DocumentStatus Status => Slugs.Parse<DocumentStatus>(StatusText);
    }

    public static Task<Row?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string numberNorm, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "select id, number, status as statustext, version, issued_on as issuedon, valid_until as validuntil from documents where number_norm = @numberNorm for update",
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

    /// <summary>Records the status the domain decided, its history entry and the outbox event.</summary>
    public static Task ChangeStatusAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, DocumentStatus status, DateOnly effectiveOn, string reason,
        string actor, CancellationToken ct) =>
        Outbox.AppendDocumentChangedAsync(conn, tx, id, status.Slug(), ct, """
            update documents set status = @status, version = version + 1 where id = @id;
            insert into document_status_history (document_id, status, effective_on, reason, recorded_by) values (@id, @status, @effectiveOn, @reason, @actor);
            """, new { id, status = status.Slug(), effectiveOn, reason, actor });

    /// <summary>Numbers of documents in one of <paramref name="statuses"/> whose term ended before <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<string>> TermEndedAsync(NpgsqlConnection conn, IReadOnlyList<DocumentStatus> statuses, DateOnly today, CancellationToken ct) =>
        (await conn.QueryAsync<string>(new CommandDefinition(
            "select number_norm from documents where status = any(@statuses) and valid_until < @today order by valid_until",
            new { statuses = statuses.Select(s => s.Slug()).ToArray(), today }, cancellationToken: ct))).AsList();
}
