using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

/// <summary>Search pages from the read-model cache when it holds them, from PostgreSQL otherwise.</summary>
public sealed class CachedSearchQuery(ISearchQuery database, ReadModelCache cache) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        if (cache.TryGet(request, out var cached)) return cached!;
        var readAt = cache.Generation;
        var page = await database.SearchAsync(request, ct);
        cache.Store(request, page, readAt);
        return page;
    }
}
