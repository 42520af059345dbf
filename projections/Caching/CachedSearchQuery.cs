using Registry.Projections.Diagnostics;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

/// <summary>Search pages from the read-model cache when it holds them, from PostgreSQL otherwise.</summary>
public sealed class CachedSearchQuery(ISearchQuery database, ReadModelCache cache, RegistryMetrics metrics) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var hit = cache.TryGet(request, out var cached);
        metrics.CacheLookup("search", hit);
        if (hit) return cached!;
        var readAt = cache.Generation;
        var page = await database.SearchAsync(request, ct);
        cache.Store(request, page, readAt);
        return page;
    }
}
