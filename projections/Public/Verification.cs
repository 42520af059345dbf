using Registry.Domain.Search;

namespace Registry.Projections.Public;

/// <summary>The answer an inspector gets: was this document valid on that day, and if not, what stopped it.</summary>
public sealed record VerificationResult(
    string Number,
    string Kind,
    string Status,
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
    public static VerificationResult Verify(PublicDocument d, DateOnly asOf, string? covers)
    {
        var statusOnDate = StatusOn(d, asOf);
        var restriction = d.History.LastOrDefault(h => h.EffectiveOn <= asOf && h.Status is "suspended" or "revoked" or "expired");
        var valid = statusOnDate == "valid";
        return new VerificationResult(d.Number, d.Kind, d.Status, valid, asOf, statusOnDate, d.Holder, d.IssuedOn, d.ValidUntil, d.Deemed,
            valid ? null : restriction, covers is null ? null : Coverage(d, covers));
    }

    /// <summary>Not yet issued, expired by term, or the last status change that had taken effect by that day.</summary>
    public static string StatusOn(PublicDocument d, DateOnly asOf)
    {
        if (asOf < d.IssuedOn) return "not-yet-issued";
        if (d.ValidUntil is { } until && asOf > until) return "expired";
        return d.History.LastOrDefault(h => h.EffectiveOn <= asOf)?.Status ?? "valid";
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
