using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Documents;
using Registry.Projections.Caching;
using Registry.Projections.Postgres;
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
        // Asked twice: a page is kept the second time it is read (Doorkeeper).
        for (var ask = 0; ask < 2; ask++) Assert.Single((await search.SearchAsync(new SearchRequest(deleted), CancellationToken.None)).Items);
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
        var page = JsonSerializer.SerializeToUtf8Bytes(new SearchPage([], 0, TotalRelation.Eq, null, new SearchFacets(true, [], [], [])), SearchPage.Json);
        cache.Listening(true);
        cache.Store(request, page, cache.Generation);
        var readAt = cache.Generation;
        cache.Changed(ReadModelCache.Notice(7, ["ATT2026000001"]));
        cache.Store(request, page, readAt);
        Assert.False(cache.TryGet(request, out _));

        cache.Store(request, page, cache.Generation);
        Assert.True(cache.TryGet(request, out _));
        cache.Listening(false);
        Assert.False(cache.TryGet(request, out _));
    }

    /// <summary>A kept page is the JSON the API would have written for the page the database answers, byte for byte
    /// (quotes, angle brackets and Kazakh letters included), on the miss and on the hit.</summary>
    [Fact]
    public async Task A_search_page_is_sent_from_memory_as_the_api_writes_any_response()
    {
        await CacheListeningAsync();
        var number = await app.Officer().IssueAsync(Scenario.Attestation(name: "ТОО «Өскемен \"Құрылыс\" <Сервис> & К°»"));
        await app.WaitForProjectionsAsync();
        var database = app.Services.GetRequiredService<PostgresSearchQuery>();
        var written = JsonSerializer.SerializeToUtf8Bytes(await database.SearchAsync(new SearchRequest("Өскемен Құрылыс"), CancellationToken.None),
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
        Assert.Contains(number, System.Text.Encoding.UTF8.GetString(written));

        var url = $"/api/v1/registry/search?q={Uri.EscapeDataString("Өскемен Құрылыс")}";
        var askedOnce = await app.Anonymous().GetAsync(url);
        var kept = await app.Anonymous().GetAsync(url);
        Assert.True(app.Services.GetRequiredService<ReadModelCache>().TryGet(new SearchRequest("Өскемен Құрылыс"), out _));
        var hit = await app.Anonymous().GetAsync(url);
        foreach (var response in new[] { askedOnce, kept, hit })
        {
            Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal(written, await response.Content.ReadAsByteArrayAsync());
        }
    }

    /// <summary>A page is kept deflated and read back byte for byte: a page of 20 documents' JSON in under a third of its size.</summary>
    [Fact]
    public void A_kept_page_takes_a_fraction_of_its_json_and_reads_back_whole()
    {
        var items = Enumerable.Range(1, 20).Select(i =>
            $$"""{"documentId":"{{Guid.NewGuid()}}","kind":"attestation","number":"ATT-2024-{{i:D6}}","status":"valid","issuedOn":"2024-03-{{i:D2}}","holderName":"ЖШС «Өскемен Құрылыс {{i * 7919}}»","holderIdentifier":"{{i * 104729:D12}}","region":"Шығыс Қазақстан облысы"}""");
        var json = System.Text.Encoding.UTF8.GetBytes($$"""{"items":[{{string.Join(',', items)}}],"total":20}""");

        var kept = KeptPage.Of(json);

        Assert.Equal(json, kept.Read());
        Assert.InRange(kept.Bytes, 1, json.Length / 3);
    }

    /// <summary>Pages past the memory budget make room by dropping those nobody read since room was last made; the pages
    /// read stay for one more round.</summary>
    [Fact]
    public void Search_pages_past_their_memory_budget_drop_the_pages_not_read_since_the_last_time()
    {
        var cache = new ReadModelCache(new ReadCacheOptions { MaxSearchPageMegabytes = 1 });
        cache.Listening(true);
        // Random bytes do not deflate: each page keeps about a third of the budget.
        var third = new byte[300_000];
        new Random(7).NextBytes(third);
        var kept = KeptPage.Of(third).Bytes + ReadModelCache.PageOverhead;
        Assert.InRange(kept, 300_000, 350_000);
        SearchRequest a = new("a"), b = new("b"), c = new("c"), d = new("d"), e = new("e");
        foreach (var request in new[] { a, b, c }) StoreAskedTwice(cache, request, third);
        Assert.True(cache.TryGet(a, out _));
        Assert.True(cache.TryGet(c, out _));

        StoreAskedTwice(cache, d, third);
        Assert.Equal([true, false, true, true], new[] { a, b, c, d }.Select(r => cache.TryGet(r, out _)));
        Assert.Equal(3 * kept, cache.SearchPageBytes);

        // Every page was read since room was last made: all go.
        StoreAskedTwice(cache, e, third);
        Assert.Equal([false, false, false, true], new[] { a, c, d, e }.Select(r => cache.TryGet(r, out _)));
        Assert.Equal(kept, cache.SearchPageBytes);

        cache.Listening(false);
        Assert.Equal(0, cache.SearchPageBytes);
    }

    /// <summary>A search page is kept the second time it is read from the database: most queries are asked once, and kept
    /// they would push out the pages asked again.</summary>
    [Fact]
    public void A_search_page_is_kept_the_second_time_it_is_read_not_the_first()
    {
        var cache = new ReadModelCache(new ReadCacheOptions());
        cache.Listening(true);
        var page = JsonSerializer.SerializeToUtf8Bytes(new SearchPage([], 0, TotalRelation.Eq, null, new SearchFacets(true, [], [], [])), SearchPage.Json);
        var asked = new SearchRequest("Өскемен Құрылыс");
        cache.Store(asked, page, cache.Generation);
        Assert.False(cache.TryGet(asked, out _));
        cache.Store(asked with { Status = "valid" }, page, cache.Generation);

        cache.Store(asked, page, cache.Generation);

        Assert.True(cache.TryGet(asked, out _));
        Assert.False(cache.TryGet(asked with { Status = "valid" }, out _));
        Assert.Equal(0, cache.DocumentBytes);
    }

    /// <summary>The doorkeeper remembers a key until another takes its slot (an int's hash is the int: 8 slots, 3 and 11
    /// share one), a key whose hash is 0 included.</summary>
    [Fact]
    public void The_doorkeeper_remembers_a_key_until_another_takes_its_slot()
    {
        var doorkeeper = new Doorkeeper(8);
        Assert.False(doorkeeper.OfferedBefore(0));
        Assert.False(doorkeeper.OfferedBefore(3));
        foreach (var other in new[] { 2, 4, 5, 6, 7 }) Assert.False(doorkeeper.OfferedBefore(other));
        Assert.True(doorkeeper.OfferedBefore(3));
        Assert.True(doorkeeper.OfferedBefore(3));
        Assert.True(doorkeeper.OfferedBefore(0));

        Assert.False(doorkeeper.OfferedBefore(11));
        Assert.False(doorkeeper.OfferedBefore(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Doorkeeper(6));
    }

    static void StoreAskedTwice(ReadModelCache cache, SearchRequest request, byte[] json)
    {
        cache.Store(request, json, cache.Generation);
        cache.Store(request, json, cache.Generation);
    }

    /// <summary>Verified documents stay within their own budget, each weighed by its text.</summary>
    [Fact]
    public void Verified_documents_past_their_memory_budget_make_room()
    {
        var cache = new ReadModelCache(new ReadCacheOptions { MaxDocumentMegabytes = 1 });
        cache.Listening(true);
        var holder = new Registry.Projections.Public.PublicHolder(new string('Қ', 400), "123456789012", Registry.Domain.Identifiers.IdentifierKind.Bin,
            Registry.Domain.Services.ApplicantType.LegalEntity, "Астана", []);
        var document = new Registry.Projections.Public.PublicDocument(DocumentKind.Attestation, "ATT-2026-000001", DocumentStatus.Valid, new DateOnly(2026, 1, 5), null,
            false, holder, [], [], [], 1);
        Assert.InRange(ReadModelCache.DocumentSize("ATT2026000001", document), 1_300, 2_000);

        for (var i = 0; i < 2_000; i++) cache.Store($"ATT2026{i:000000}", document, cache.Generation);
        Assert.InRange(cache.DocumentBytes, 1, 1024 * 1024);
        Assert.True(cache.TryGet("ATT2026001999", out _));
    }

    /// <summary>A projector notice says which numbers, BINs and words a batch changed, and the cache drops only the pages
    /// those could change: pages of other words stay, and each page kept is still the page the database answers.</summary>
    [Fact]
    public async Task After_a_change_each_search_page_the_cache_kept_is_the_page_the_database_answers_now()
    {
        await CacheListeningAsync();
        var officer = app.Officer();
        var karaganda = await officer.IssueAsync(Scenario.Attestation(name: "ТОО «Қарағанды Көмір Сервис»"));
        var almatyBin = Scenario.NewBin();
        var almaty = await officer.IssueAsync(Scenario.Attestation(bin: almatyBin, name: "ТОО «Алматы Лифт Монтаж»"));
        await app.WaitForProjectionsAsync();
        var search = app.Services.GetRequiredService<ISearchQuery>();
        var database = app.Services.GetRequiredService<PostgresSearchQuery>();
        var cache = app.Services.GetRequiredService<ReadModelCache>();
        SearchRequest[] requests =
        [
            new("Алматы Лифт"), new("Лифт"), new("Алмат"), new("Монтаж"), new(almaty), new(almatyBin), new(almatyBin[..10]),
            new("Қарағанды"), new("Карганды"), new("Qaragandy Komir"), new("Көмір", Status: "valid"), new("Сервис", Sort: SearchSort.Number),
            new(karaganda), new(karaganda[..^2]), new(null, Kind: "attestation"), new("Гурьев"),
        ];

        async Task<List<SearchRequest>> KeptAfterAsync(Func<Task> change)
        {
            // Twice: a page is kept the second time it is read.
            foreach (var request in requests.SelectMany(r => new[] { r, r })) await search.SearchAsync(request, CancellationToken.None);
            Assert.All(requests, r => Assert.True(cache.TryGet(r, out _), $"{r} was not cached"));
            await change();
            await app.WaitForProjectionsAsync();
            var kept = requests.Where(r => cache.TryGet(r, out _)).ToList();
            foreach (var request in kept)
            {
                cache.TryGet(request, out var page);
                Assert.Equal(await ((ISearchQuery)database).SearchJsonAsync(request, CancellationToken.None), page);
            }
            return kept;
        }

        // A new document of another Karaganda holder: the Almaty pages stay, and so do those of words it does not hold.
        var kept = await KeptAfterAsync(() => officer.IssueAsync(Scenario.Attestation(name: "ТОО «Қарағанды Жаңа Сервис»")));
        Assert.Empty(new SearchRequest[] { new("Алматы Лифт"), new("Лифт"), new("Алмат"), new("Монтаж"), new(almaty), new(almatyBin), new(almatyBin[..10]),
            new("Көмір", Status: "valid"), new(karaganda), new("Гурьев") }.Except(kept));
        Assert.Empty(kept.Intersect([new("Қарағанды"), new("Карганды"), new("Qaragandy Komir"), new("Сервис", Sort: SearchSort.Number),
            new(null, Kind: "attestation")]));

        // The Almaty document suspended: the pages it is on go, the Karaganda pages stay.
        kept = await KeptAfterAsync(() => officer.PostJsonAsync($"/api/v1/documents/{almaty}/suspend",
            new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString()));
        Assert.Empty(new SearchRequest[] { new("Қарағанды"), new(karaganda), new("Көмір", Status: "valid"), new("Гурьев") }.Except(kept));
        Assert.Empty(kept.Intersect([new("Алматы Лифт"), new("Лифт"), new("Алмат"), new("Монтаж"), new(almaty), new(almatyBin), new(almatyBin[..10]),
            new(null, Kind: "attestation")]));
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
