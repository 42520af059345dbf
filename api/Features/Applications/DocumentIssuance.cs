using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Applications;

/// <summary>Issuing a document, by an officer's decision or deemed by silence: number, document row, first history entry,
/// outbox event.</summary>
public static class DocumentIssuance
{
    /// <summary>The history reason of a document deemed issued (the website shows it in Kazakh and Russian).</summary>
    public const string DeemedReason = "Deemed issued: no answer by the deadline";

    public static async Task<string> IssueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid applicationId, DocumentKind kind, Guid holderId,
        DateOnly issuedOn, DateOnly? validUntil, bool deemed, string actor, CancellationToken ct)
    {
        var sequence = await NumberSequences.NextAsync(conn, tx, kind.Slug(), issuedOn.Year, ct);
        var number = DocumentNumber.Format(kind, issuedOn.Year, sequence);
        var documentId = Guid.CreateVersion7();
        // The document's rows and the outbox event share a round trip: the number counter stays locked until commit.
        await Outbox.AppendDocumentChangedAsync(conn, tx, documentId, deemed ? "deemed-issued" : "issued", ct, """
            insert into documents (id, application_id, kind, number, number_norm, holder_id, status, issued_on, valid_until, deemed)
            values (@documentId, @applicationId, @kind, @number, @norm, @holderId, 'valid', @issuedOn, @validUntil, @deemed);
            insert into document_status_history (document_id, status, effective_on, reason, recorded_by)
            values (@documentId, 'valid', @issuedOn, @reason, @actor);
            """, new
        {
            applicationId, kind = kind.Slug(), number, norm = DocumentNumber.Normalize(number), holderId, issuedOn, validUntil, deemed, actor,
            reason = deemed ? DeemedReason : null,
        });
        return number;
    }
}
