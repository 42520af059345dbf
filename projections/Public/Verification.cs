using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Search;

namespace Registry.Projections.Public;

/// <summary>The answer an inspector gets: was this document valid on that day, and if not, what stopped it.
/// StatusOnDate is a document status, or "not-yet-issued" for a day before the issue date.</summary>
public sealed record VerificationResult(
    string Number,
    DocumentKind Kind,
    DocumentStatus Status,
    bool Valid,
    DateOnly AsOf,
    string StatusOnDate,
    PublicHolder Holder,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    bool Deemed,
    PublicStatusChange? Restriction,
    CoverageResult? Covers);

public sealed record CoverageResult(string Query, bool Covered, IReadOnlyList<string> Matched);

public static class Verification
{
    public const string NotYetIssued = "not-yet-issued";

    public static VerificationResult Verify(PublicDocument d, DateOnly asOf, string? covers)
    {
        var statusOnDate = DocumentValidity.StatusOn(d.IssuedOn, d.ValidUntil, d.History, asOf);
        var valid = statusOnDate == DocumentStatus.Valid;
        return new VerificationResult(d.Number, d.Kind, d.Status, valid, asOf, statusOnDate?.Slug() ?? NotYetIssued, d.Holder, d.IssuedOn, d.ValidUntil,
            d.Deemed, valid ? null : DocumentValidity.RestrictionOn(d.History, asOf), covers is null ? null : Coverage(d, covers));
    }

    /// <summary>Does the document's scope (sectors, activity sub-types, technologies, devices, products) name this thing?
    /// Compared on folded text, so spelling and script do not matter.</summary>
    public static CoverageResult Coverage(PublicDocument d, string query)
    {
        var folded = SearchText.Fold(query);
        var matched = d.Sectors.Concat(d.Scope)
            .Where(item => folded.Length > 0 && SearchText.Fold(item) is var f && (f.Contains(folded, StringComparison.Ordinal) || folded.Contains(f, StringComparison.Ordinal)))
            .ToList();
        return new CoverageResult(query, matched.Count > 0, matched);
    }
}
