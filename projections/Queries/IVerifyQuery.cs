using Registry.Projections.Public;

namespace Registry.Projections.Queries;

/// <summary>The inspectors' hot path: one document by its normalised number.</summary>
public interface IVerifyQuery
{
    Task<PublicDocument?> FindAsync(string numberNorm, CancellationToken ct);

    /// <summary>Bulk verification in one round trip; numbers not found are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, PublicDocument>> FindManyAsync(IReadOnlyCollection<string> numberNorms, CancellationToken ct);
}
