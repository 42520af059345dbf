using System.Text.Json;
using Registry.Projections.Diagnostics;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

/// <summary>Search pages from the read-model cache when it holds them, from PostgreSQL otherwise. The cache keeps a page
/// as the JSON the API sends (<see cref="SearchJsonAsync"/>); the website reads it back into a page.</summary>
public sealed class CachedSearchQuery(ISearchQuery database, ReadModelCache cache, RegistryMetrics metrics) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct) =>
        JsonSerializer.Deserialize<SearchPage>(await SearchJsonAsync(request, ct), SearchPage.Json)!;

    public async Task<byte[]> SearchJsonAsync(SearchRequest request, CancellationToken ct)
    {
        var hit = cache.TryGet(request, out var cached);
        metrics.CacheLookup("search", hit);
        if (hit) return cached!;
        var readAt = cache.Generation;
        var json = await database.SearchJsonAsync(request, ct);
        cache.Store(request, json, readAt);
        return json;
    }
}
