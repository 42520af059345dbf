using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Api.WriteModel;

/// <summary>
/// A document number assigned in its command's last round trip, together with the commit. Numbers are gap-free per kind
/// and year, so the counter row stays locked from the moment it moves until commit, and every other issuer of the kind
/// waits on it. Moved earlier, the lock was held across several round trips, each waiting for the API to be scheduled
/// again — under load that wait was the registry's throughput limit. Until then the document, its history and its
/// outbox event carry <see cref="Placeholder"/>; <see cref="Assign"/> replaces it in the document row and the event, and
/// <see cref="Commands"/> in the answer and the stored idempotent answer.
/// </summary>
public sealed record NumberAtCommit(Guid DocumentId, DocumentKind Kind, int Year)
{
    /// <summary>Unique to the document, plain ASCII (JSON writes it unescaped) and never a number's form.</summary>
    public string Placeholder => $"number-pending-{DocumentId:N}";

    /// <summary>Moves the counter, numbers the document and its event (written in this transaction), and returns the number.
    /// The format's parts come from the domain (<see cref="DocumentNumber.Prefix"/>, <see cref="DocumentNumber.SequenceDigits"/>).</summary>
    public const string Assign = $"""
        with next as ({NumberSequences.Next}),
        digits as (select lpad(last::text, greatest(@numberDigits, length(last::text)), '0') as digits from next),
        numbered as (
            update documents d set number = @numberPrefix || n.digits, number_norm = @numberNormalizedPrefix || n.digits
            from digits n where d.id = @numberDocument
            returning d.number),
        evented as (
            update outbox o set payload = replace(o.payload::text, @numberPlaceholder, n.number)::jsonb
            from numbered n where o.tx = pg_current_xact_id() and o.aggregate_id = @numberDocument)
        select number from numbered
        """;

    public object Parameters => new
    {
        kind = Kind.Slug(), year = Year, numberDigits = DocumentNumber.SequenceDigits, numberPrefix = DocumentNumber.Prefix(Kind, Year),
        numberNormalizedPrefix = DocumentNumber.Normalize(DocumentNumber.Prefix(Kind, Year)), numberDocument = DocumentId, numberPlaceholder = Placeholder,
    };
}
