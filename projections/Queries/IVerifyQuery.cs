using Registry.Domain.Documents;
using Registry.Projections.Public;

namespace Registry.Projections.Queries;

/// <summary>The inspectors' hot path: one document by its normalised number.</summary>
public interface IVerifyQuery
{
    Task<PublicDocument?> FindAsync(string numberNorm, CancellationToken ct);

    /// <summary>Bulk verification in one round trip; numbers not found are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, PublicDocument>> FindManyAsync(IReadOnlyCollection<string> numberNorms, CancellationToken ct);
}

public static class VerifyQueryExtensions
{
    /// <summary>The document a number that is not found probably means — typed without its leading zeros (ATT-2024-1),
    /// with the letter O for a zero, or pasted with the words around it ("№ ATT-2024-1 от 12.03.2024") — if one exists.
    /// Verification never answers for it; it only names it.</summary>
    public static async Task<PublicDocument?> FindMeantAsync(this IVerifyQuery query, string number, CancellationToken ct)
    {
        var reading = DocumentNumber.Reading(number) ?? DocumentNumber.Within(number);
        return reading is not null && reading != DocumentNumber.Normalize(number) ? await query.FindAsync(reading, ct) : null;
    }
}
