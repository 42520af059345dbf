using System.Text.Json;
using Registry.Projections.Diagnostics;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

/// <summary>Search pages from the read-model cache when it holds them, from PostgreSQL otherwise. The cache keeps a page
/// as the JSON the API sends (<see cref="SearchJsonAsync"/>); the website reads a kept page back.</summary>
public sealed class CachedSearchQuery(ISearchQuery database, ReadModelCache cache, RegistryMetrics metrics) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct) =>
        Kept(request) is { } json ? JsonSerializer.Deserialize<SearchPage>(json, SearchPage.Json)! : (await ReadAsync(request, ct)).Page;

    public async Task<byte[]> SearchJsonAsync(SearchRequest request, CancellationToken ct) => Kept(request) ?? (await ReadAsync(request, ct)).Json;

    byte[]? Kept(SearchRequest request)
    {
        var hit = cache.TryGet(request, out var json);
        metrics.CacheLookup("search", hit);
        return json;
    }

    async Task<(SearchPage Page, byte[] Json)> ReadAsync(SearchRequest request, CancellationToken ct)
    {
        var readAt = cache.Generation;
        var page = await database.SearchAsync(request, ct);
        var json = JsonSerializer.SerializeToUtf8Bytes(page, SearchPage.Json);
        cache.Store(request, json, readAt);
        return (page, json);
    }
}
