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

/// <summary>A paper handed to an applicant and numbered per year: the proof of intake (RCP-2026-000123, every intake in the
/// country takes the next) or a refusal notice (RFN). The slice writes the paper's row with <see cref="PlaceholderFor"/>
/// as its number and in its body; <see cref="Assign"/> puts the number in both.</summary>
public sealed record PaperAtCommit(string Prefix, Guid ApplicationId, int Year) : NumberAtCommit
{
    static readonly Dictionary<string, string> Tables = new() { [Receipts.Receipt] = "receipts", [Receipts.RefusalNotice] = "refusal_notices" };

    public static string PlaceholderFor(string prefix, Guid applicationId) => $"{prefix.ToLowerInvariant()}-pending-{applicationId:N}";

    public override string Placeholder => PlaceholderFor(Prefix, ApplicationId);

    public override string Assign => $"""
        with {NextDigits("6")},
        numbered as (
            update {Tables[Prefix]} p set number = @paperPrefix || n.digits, body = replace(p.body::text, @numberPlaceholder, @paperPrefix || n.digits)::jsonb
            from digits n where p.application_id = @paperApplication
            returning p.number)
        select number from numbered
        """;

    public override string Assigned => $"select number from {Tables[Prefix]} where application_id = @paperApplication";

    public override object Parameters => new
    {
        kind = Receipts.Counter(Prefix), year = Year, paperPrefix = $"{Prefix}-{Year:D4}-", paperApplication = ApplicationId, numberPlaceholder = Placeholder,
    };
}
