using Registry.Projections.Diagnostics;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

/// <summary>Verify lookups from the read-model cache when it holds them, from PostgreSQL otherwise.</summary>
public sealed class CachedVerifyQuery(IVerifyQuery database, ReadModelCache cache, RegistryMetrics metrics) : IVerifyQuery
{
    public async Task<PublicDocument?> FindAsync(string numberNorm, CancellationToken ct)
    {
        var hit = cache.TryGet(numberNorm, out var cached);
        metrics.CacheLookup("document", hit);
        if (hit) return cached;
        var readAt = cache.Generation;
        var document = await database.FindAsync(numberNorm, ct);
        // Unknown numbers are not remembered: a newly issued document is then visible the moment its projection
        // commits, without waiting for the notice.
        if (document is not null) cache.Store(numberNorm, document, readAt);
        return document;
    }

    // Bulk checks are one round trip already and would churn the cache with one-off numbers.
    public Task<IReadOnlyDictionary<string, PublicDocument>> FindManyAsync(IReadOnlyCollection<string> numberNorms, CancellationToken ct) =>
        database.FindManyAsync(numberNorms, ct);
}
