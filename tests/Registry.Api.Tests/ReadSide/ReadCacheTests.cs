using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Documents;
using Registry.Projections.Caching;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>Lookups and search pages come from memory until a projector notice says the read model changed. The tests
/// change read.documents behind the projector's back, so only the cache can still answer the old state.</summary>
public sealed class ReadCacheTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task A_verified_document_is_served_from_memory_until_a_notice_evicts_it()
    {
        await CacheListeningAsync();
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/v1/verify/{number}")).StatusCode);

        await DeleteBehindTheProjectorAsync(number);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/v1/verify/{number}")).StatusCode);

        await NotifyAsync(number);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/verify/{number}")).StatusCode);
    }

    [Fact]
    public async Task A_notice_about_one_document_keeps_the_others_but_drops_every_search_page()
    {
        await CacheListeningAsync();
        var kept = await app.Officer().IssueAsync(Scenario.Attestation());
        var deleted = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var search = app.Services.GetRequiredService<ISearchQuery>();
        Assert.Single((await search.SearchAsync(new SearchRequest(deleted), CancellationToken.None)).Items);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/v1/verify/{kept}")).StatusCode);

        await DeleteBehindTheProjectorAsync(kept);
        await DeleteBehindTheProjectorAsync(deleted);
        Assert.Single((await search.SearchAsync(new SearchRequest(deleted), CancellationToken.None)).Items);

        await NotifyAsync(deleted);
        Assert.Empty((await search.SearchAsync(new SearchRequest(deleted), CancellationToken.None)).Items);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/v1/verify/{kept}")).StatusCode);
    }

    [Fact]
    public void A_read_that_raced_with_a_change_is_not_stored()
    {
        var cache = new ReadModelCache(new ReadCacheOptions());
        var request = new SearchRequest("Қарағанды");
        var page = new SearchPage([], 0, TotalRelation.Eq, null, new SearchFacets(true, [], [], []));
        cache.Listening(true);
        var readAt = cache.Generation;
        cache.Changed(ReadModelCache.Notice(7, ["ATT2026000001"]));
        cache.Store(request, page, readAt);
        Assert.False(cache.TryGet(request, out _));

        cache.Store(request, page, cache.Generation);
        Assert.True(cache.TryGet(request, out _));
        cache.Listening(false);
        Assert.False(cache.TryGet(request, out _));
    }

    async Task CacheListeningAsync()
    {
        var cache = app.Services.GetRequiredService<ReadModelCache>();
        for (var i = 0; i < 200 && !cache.IsLive; i++) await Task.Delay(25);
        Assert.True(cache.IsLive);
    }

    async Task DeleteBehindTheProjectorAsync(string number)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("delete from read.documents where number_norm = @n", new { n = DocumentNumber.Normalize(number) });
    }

    async Task NotifyAsync(string number)
    {
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("select pg_notify(@channel, @notice)",
                new { channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(0, [DocumentNumber.Normalize(number)]) });
        await app.WaitForProjectionsAsync();
    }
}
