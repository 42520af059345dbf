using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Api.WriteModel;

/// <summary>Validity terms per document kind, in months (Documents:TermMonths:attestation = 60, …). The decree sets no
/// term for any of the six results, so by default documents do not expire.</summary>
public sealed class DocumentTermOptions
{
    public Dictionary<string, int> TermMonths { get; set; } = [];

    public DateOnly? ValidUntil(DocumentKind kind, DateOnly issuedOn) =>
        DocumentLifecycle.ValidUntil(issuedOn, TermMonths.TryGetValue(kind.Slug(), out var months) ? months : null);
}
