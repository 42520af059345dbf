using System.Text.Json;
using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Api.WriteModel;

/// <summary>
/// A gap-free number assigned in its command's last round trip, together with the commit. Numbers are gap-free per kind
/// and year, so the counter row stays locked from the moment it moves until commit, and every other command taking a
/// number of that kind waits on it. Moved earlier, the lock was held across several round trips, each waiting for the API
/// to be scheduled again — under load that wait was the registry's throughput limit. Until then the rows and the answer
/// carry <see cref="Placeholder"/>; <see cref="Assign"/> writes the number where it belongs, and <see cref="Commands"/>
/// puts it in the answer and the stored idempotent answer.
/// </summary>
public abstract record NumberAtCommit
{
    /// <summary>Unique to the numbered thing, plain ASCII (JSON writes it unescaped) and never a number's form.</summary>
    public abstract string Placeholder { get; }

    /// <summary>Moves the counter, writes the number in place of the placeholder and selects it.</summary>
    public abstract string Assign { get; }

    /// <summary>Selects the number <see cref="Assign"/> wrote (a column named number), later in the same round trip.</summary>
    public abstract string Assigned { get; }

    /// <summary>The parameters of both statements; numberPlaceholder is <see cref="Placeholder"/>.</summary>
    public abstract object Parameters { get; }

    /// <summary>The counter's next value as the digits of a number: at least <paramref name="digits"/>, more past them.</summary>
    protected static string NextDigits(string digits) => $"""
        next as ({NumberSequences.Next}),
        digits as (select lpad(last::text, greatest({digits}, length(last::text)), '0') as digits from next)
        """;
}

/// <summary>A document's number: the document row and its outbox event carry the placeholder until the commit. The format's
/// parts come from the domain (<see cref="DocumentNumber.Prefix"/>, <see cref="DocumentNumber.SequenceDigits"/>).</summary>
public sealed record DocumentNumberAtCommit(Guid DocumentId, DocumentKind Kind, int Year) : NumberAtCommit
{
    public override string Placeholder => $"number-pending-{DocumentId:N}";

    public override string Assign => $"""
        with {NextDigits("@numberDigits")},
        numbered as (
            update documents d set number = @numberPrefix || n.digits, number_norm = @numberNormalizedPrefix || n.digits
            from digits n where d.id = @numberDocument
            returning d.number),
        evented as (
            update outbox o set payload = replace(o.payload::text, @numberPlaceholder, n.number)::jsonb
            from numbered n where o.tx = pg_current_xact_id() and o.aggregate_id = @numberDocument)
        select number from numbered
        """;

    public override string Assigned => "select number from documents where id = @numberDocument";

    public override object Parameters => new
    {
        kind = Kind.Slug(), year = Year, numberDigits = DocumentNumber.SequenceDigits, numberPrefix = DocumentNumber.Prefix(Kind, Year),
        numberNormalizedPrefix = DocumentNumber.Normalize(DocumentNumber.Prefix(Kind, Year)), numberDocument = DocumentId, numberPlaceholder = Placeholder,
    };
}

/// <summary>An accepted application's proof of intake (RCP-2026-000123): its receipts row is written by <see cref="Assign"/>
/// itself, from the proof as the answer shows it with <see cref="PlaceholderFor"/> in place of the number.</summary>
public sealed record ReceiptAtCommit(Guid ApplicationId, DateTimeOffset IssuedAt, object Receipt) : NumberAtCommit
{
    public static string PlaceholderFor(Guid applicationId) => $"receipt-pending-{applicationId:N}";

    public override string Placeholder => PlaceholderFor(ApplicationId);

    public override string Assign => $"""
        with {NextDigits("6")},
        saved as (
            insert into receipts (application_id, number, issued_at, body)
            select @receiptApplication, @receiptPrefix || n.digits, @receiptIssuedAt, replace(@receiptBody, @numberPlaceholder, @receiptPrefix || n.digits)::jsonb
            from digits n
            returning number)
        select number from saved
        """;

    public override string Assigned => "select number from receipts where application_id = @receiptApplication";

    public override object Parameters => new
    {
        kind = Receipts.Counter(Receipts.Receipt), year = IssuedAt.Year, receiptPrefix = $"{Receipts.Receipt}-{IssuedAt.Year:D4}-", receiptApplication = ApplicationId,
        receiptIssuedAt = IssuedAt, receiptBody = JsonSerializer.Serialize(Receipt, JsonSerializerOptions.Web), numberPlaceholder = Placeholder,
    };
}
