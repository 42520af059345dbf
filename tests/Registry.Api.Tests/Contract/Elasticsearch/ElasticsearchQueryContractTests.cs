using System.Text.Json.Nodes;
using Registry.Api.Tests.ReadSide;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.Contract.Elasticsearch;

/// <summary>The exact bodies the public endpoints send to Elasticsearch, through the real client, and how answers are read.</summary>
public sealed class ElasticsearchQueryContractTests
{
    static readonly ElasticsearchOptions Options = new();

    static async Task<JsonNode> SearchBody(SearchRequest request)
    {
        var fake = new FakeElasticsearch();
        await new ElasticsearchSearchQuery(fake.Client(Options), Options).SearchAsync(request, CancellationToken.None);
        var sent = fake.Requests.Single();
        Assert.Equal(("POST", "/registry-documents/_search"), (sent.Method, sent.Path));
        return JsonNode.Parse(sent.Body)!;
    }

    static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    /// <summary>The client writes a one-clause bool section as an object, several as an array.</summary>
    static JsonNode Single(JsonNode? clauses) => clauses is JsonArray array ? array.Single()! : clauses!;

    [Fact]
    public async Task A_name_query_is_folded_and_matches_prefixes_typos_or_scope_with_an_exact_total_and_three_facets()
    {
        var body = await SearchBody(new SearchRequest("Qaragandy Көмір"));
        var should = Single(body["query"]!["bool"]!["must"])["bool"]!["should"]!.AsArray();
        Assert.Equal("""{"match":{"nameFolded.prefix":{"boost":2,"operator":"and","query":"караганди комир"}}}""", Json(should[0]));
        Assert.Equal("""{"match":{"nameFolded":{"fuzziness":"AUTO","operator":"and","prefix_length":1,"query":"караганди комир"}}}""", Json(should[1]));
        Assert.Equal("""{"match":{"scopeFolded":{"operator":"and","query":"караганди комир"}}}""", Json(should[2]));
        Assert.True(body["track_total_hits"]!.GetValue<bool>());
        Assert.Equal("""{"excludes":"publicJson"}""", Json(body["_source"]));
        Assert.Equal(21, body["size"]!.GetValue<int>());
        Assert.Equal("""[{"_score":{"order":"desc"}},{"documentId":{"order":"asc"}}]""", Json(body["sort"]));
        Assert.Equal("""{"kind":{"terms":{"field":"kind","size":10}},"region":{"terms":{"field":"region","size":50}},"status":{"terms":{"field":"status","size":10}}}""",
            Json(new JsonObject(body["aggregations"]!.AsObject().OrderBy(kv => kv.Key).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())))));
    }

    [Theory]
    [InlineData("ATT-2026-000123", """{"match":{"numberNorm.prefix":{"query":"ATT2026000123"}}}""")]
    [InlineData("атт 2026", """{"match":{"numberNorm.prefix":{"query":"ATT2026"}}}""")]
    [InlineData("000123", """{"match":{"numberReversed.prefix":{"query":"321000"}}}""")]
    [InlineData("9901 4000 0017", """{"term":{"holderIdentifier":{"value":"990140000017"}}}""")]
    public async Task Numbers_and_bins_are_normalised_before_they_are_sent(string q, string expectedMust) =>
        Assert.Equal(expectedMust, Json(Single((await SearchBody(new SearchRequest(q)))["query"]!["bool"]!["must"])));

    [Fact]
    public async Task Every_filter_is_a_non_scoring_term_or_range()
    {
        var body = await SearchBody(new SearchRequest(null, "permit", "valid", "Атырау облысы", "mining", "990140000017", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));
        Assert.Equal(
            """[{"term":{"kind":{"value":"permit"}}},{"term":{"status":{"value":"valid"}}},{"term":{"region":{"value":"Атырау облысы"}}},{"term":{"sectors":{"value":"mining"}}},{"term":{"holderIdentifier":{"value":"990140000017"}}},{"range":{"issuedOn":{"format":"yyyy-MM-dd","gte":"2026-01-01","lte":"2026-03-31"}}}]""",
            Json(body["query"]!["bool"]!["filter"]));
        Assert.Null(body["query"]!["bool"]!["must"]);
    }

    [Theory]
    [InlineData(SearchSort.IssuedNewest, """[{"issuedOn":{"order":"desc"}},{"documentId":{"order":"asc"}}]""")]
    [InlineData(SearchSort.IssuedOldest, """[{"issuedOn":{"order":"asc"}},{"documentId":{"order":"asc"}}]""")]
    [InlineData(SearchSort.Number, """[{"numberNorm":{"order":"asc"}},{"documentId":{"order":"asc"}}]""")]
    public async Task Sorts_end_with_the_document_id_tiebreaker(SearchSort sort, string expected) =>
        Assert.Equal(expected, Json((await SearchBody(new SearchRequest(Kind: "permit", Sort: sort)))["sort"]));

    [Fact]
    public async Task A_cursor_becomes_search_after_with_the_sort_value_and_the_tiebreaker()
    {
        var id = Guid.Parse("0196a1b2-0000-7000-8000-000000000001");
        var body = await SearchBody(new SearchRequest(Kind: "permit", Sort: SearchSort.IssuedNewest, Cursor: SearchCursor.Encode("1772323200000", id)));
        Assert.Equal($$"""[1772323200000,"{{id}}"]""", Json(body["search_after"]));
        var byScore = await SearchBody(new SearchRequest("Караганды", Cursor: SearchCursor.Encode("2.5", id)));
        Assert.Equal($$"""[2.5,"{{id}}"]""", Json(byScore["search_after"]));
    }

    [Fact]
    public async Task Verify_is_one_terms_lookup_on_the_normalised_number()
    {
        var fake = new FakeElasticsearch();
        await new ElasticsearchVerifyQuery(fake.Client(Options), Options).FindManyAsync(["ATT2026000001", "PRM2026000002"], CancellationToken.None);
        Assert.Equal("""{"query":{"terms":{"numberNorm":["ATT2026000001","PRM2026000002"]}},"size":2}""", fake.Requests.Single().Body);
    }

    [Fact]
    public async Task An_organisation_is_one_filtered_lookup_newest_first_and_takes_its_holder_from_the_freshest_document()
    {
        var fake = new FakeElasticsearch
        {
            SearchResponse = """
                {"took":1,"timed_out":false,"hits":{"total":{"value":2,"relation":"eq"},"hits":[
                  {"_index":"registry-documents-v1","_id":"a","_score":null,"sort":[1773014400000,"PRM2026000001"],
                   "_source":{"documentId":"0196a1b2-0000-7000-8000-000000000001","kind":"permit","number":"PRM-2026-000001","numberNorm":"PRM2026000001","numberReversed":"1000006202MRP",
                     "status":"valid","issuedOn":"2026-03-09","validUntil":null,"holderName":"ТОО «Новое Имя»","holderIdentifier":"990140000017","region":"Атырау облысы",
                     "sectors":[],"nameFolded":"","scopeFolded":"","version":1,"position":9,
                     "publicJson":"{\"kind\":\"permit\",\"number\":\"PRM-2026-000001\",\"status\":\"valid\",\"issuedOn\":\"2026-03-09\",\"holder\":{\"name\":\"ТОО «Новое Имя»\",\"identifier\":\"990140000017\",\"identifierKind\":\"bin\",\"type\":\"legal-entity\",\"region\":\"Атырау облысы\",\"formerNames\":[\"ТОО «Старое Имя»\"]},\"version\":1,\"history\":[],\"scope\":[],\"sectors\":[],\"deemed\":false}"}},
                  {"_index":"registry-documents-v1","_id":"b","_score":null,"sort":[1741478400000,"ATT2025000004"],
                   "_source":{"documentId":"0196a1b2-0000-7000-8000-000000000002","kind":"attestation","number":"ATT-2025-000004","numberNorm":"ATT2025000004","numberReversed":"4000005202TTA",
                     "status":"revoked","issuedOn":"2025-03-09","validUntil":null,"holderName":"ТОО «Старое Имя»","holderIdentifier":"990140000017","region":"Атырау облысы",
                     "sectors":[],"nameFolded":"","scopeFolded":"","version":3,"position":4,"publicJson":"{}"}}]}}
                """,
        };
        var profile = await new ElasticsearchOrganisationQuery(fake.Client(Options), Options).FindAsync("990140000017", CancellationToken.None);

        Assert.Equal("""{"query":{"bool":{"filter":{"term":{"holderIdentifier":{"value":"990140000017"}}}}},"size":10000,"sort":[{"issuedOn":{"order":"desc"}},{"numberNorm":{"order":"asc"}}]}""",
            fake.Requests.Single().Body);
        Assert.Equal(("ТОО «Новое Имя»", "ТОО «Старое Имя»"), (profile!.Name, profile.FormerNames.Single()));
        Assert.Equal(["PRM-2026-000001", "ATT-2025-000004"], profile.Documents.Select(d => d.Number));
    }

    [Fact]
    public async Task An_unknown_organisation_is_none()
    {
        var fake = new FakeElasticsearch();
        Assert.Null(await new ElasticsearchOrganisationQuery(fake.Client(Options), Options).FindAsync("990140000017", CancellationToken.None));
    }

    [Fact]
    public async Task A_search_answer_is_read_into_hits_an_exact_total_facets_and_a_cursor()
    {
        var fake = new FakeElasticsearch
        {
            SearchResponse = """
                {"took":3,"timed_out":false,"hits":{"total":{"value":57,"relation":"eq"},"max_score":3.2,"hits":[
                  {"_index":"registry-documents-v1","_id":"0196a1b2-0000-7000-8000-000000000001","_score":3.2,"sort":[3.2,"0196a1b2-0000-7000-8000-000000000001"],
                   "_source":{"documentId":"0196a1b2-0000-7000-8000-000000000001","kind":"permit","number":"PRM-2026-000001","numberNorm":"PRM2026000001","numberReversed":"1000006202MRP",
                     "status":"valid","issuedOn":"2026-03-09","validUntil":null,"holderName":"ТОО «Атырау Мұнай Газ»","holderIdentifier":"990140000017","region":"Атырау облысы",
                     "sectors":[],"nameFolded":"тоо атырау мунаи газ","scopeFolded":"","version":1,"position":7}},
                  {"_index":"registry-documents-v1","_id":"0196a1b2-0000-7000-8000-000000000002","_score":1.1,"sort":[1.1,"0196a1b2-0000-7000-8000-000000000002"],
                   "_source":{"documentId":"0196a1b2-0000-7000-8000-000000000002","kind":"permit","number":"PRM-2026-000002","numberNorm":"PRM2026000002","numberReversed":"2000006202MRP",
                     "status":"suspended","issuedOn":"2026-03-10","validUntil":"2031-03-09","holderName":"ТОО «Атырау Сервис»","holderIdentifier":null,"region":null,
                     "sectors":[],"nameFolded":"тоо атырау сервис","scopeFolded":"","version":2,"position":9}}]},
                 "aggregations":{"sterms#kind":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"permit","doc_count":57}]},
                   "sterms#status":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"valid","doc_count":50},{"key":"suspended","doc_count":7}]},
                   "sterms#region":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Атырау облысы","doc_count":40}]}}}
                """,
        };
        var page = await new ElasticsearchSearchQuery(fake.Client(Options), Options).SearchAsync(new SearchRequest("Атырау", Limit: 1), CancellationToken.None);
        Assert.Equal(57, page.Total);
        Assert.Equal("PRM-2026-000001", page.Items.Single().Number);
        Assert.Equal(new DateOnly(2026, 3, 9), page.Items[0].IssuedOn);
        Assert.Equal([("valid", 50L), ("suspended", 7L)], page.Facets.Status.Select(f => (f.Value, f.Count)));
        Assert.True(SearchCursor.TryDecode(page.NextCursor, out var key, out var id));
        Assert.Equal(("3.2", Guid.Parse("0196a1b2-0000-7000-8000-000000000001")), (key, id));
    }

    [Fact]
    public async Task A_rejected_search_is_an_error_not_an_empty_page()
    {
        var fake = new FakeElasticsearch { SearchStatus = 400, SearchResponse = """{"error":{"type":"search_phase_execution_exception","reason":"all shards failed"},"status":400}""" };
        await Assert.ThrowsAsync<InvalidOperationException>(() => new ElasticsearchSearchQuery(fake.Client(Options), Options).SearchAsync(new SearchRequest("x"), CancellationToken.None));
    }

    [Fact]
    public async Task The_first_index_is_created_from_the_checked_in_definition_then_the_alias_points_at_it()
    {
        var fake = new FakeElasticsearch();
        await new RegistryIndex(fake.Client(Options), Options).CreateFirstAsync(CancellationToken.None);
        var create = fake.Requests.Single(r => r.Method == "PUT");
        Assert.Equal("/registry-documents-v1", create.Path);
        Assert.Equal(RegistryIndex.Definition, create.Body);
        Assert.Equal("""{"actions":[{"add":{"alias":"registry-documents","index":"registry-documents-v1","is_write_index":true}}]}""", fake.Requests.Single(r => r.Path == "/_aliases").Body);
        Assert.Equal("registry-documents-v1", fake.AliasTarget("registry-documents"));
    }

    [Fact]
    public void The_definition_has_no_replica_on_a_single_node_and_prefix_analyzers_for_one_letter_and_long_words()
    {
        var definition = JsonNode.Parse(RegistryIndex.Definition)!;
        Assert.Equal("0-1", definition["settings"]!["auto_expand_replicas"]!.GetValue<string>());
        Assert.Equal("strict", definition["mappings"]!["dynamic"]!.GetValue<string>());
        var prefix = definition["mappings"]!["properties"]!["nameFolded"]!["fields"]!["prefix"]!;
        Assert.Equal(("folded_prefix", "folded_prefix_query"), (prefix["analyzer"]!.GetValue<string>(), prefix["search_analyzer"]!.GetValue<string>()));
        var analysis = definition["settings"]!["analysis"]!;
        Assert.Equal("""{"type":"edge_ngram","min_gram":1,"max_gram":20}""", Json(analysis["filter"]!["prefix_1_20"]));
        Assert.Equal("""{"type":"truncate","length":20}""", Json(analysis["filter"]!["first_20"]));
        Assert.Equal("""["lowercase","first_20"]""", Json(analysis["analyzer"]!["folded_prefix_query"]!["filter"]));
    }

    [Fact]
    public async Task A_rebuild_swaps_the_alias_atomically()
    {
        var fake = new FakeElasticsearch();
        fake.Seed("registry-documents-v1", "registry-documents");
        fake.Seed("registry-documents-v2", "registry-documents-rebuild");
        await new RegistryIndex(fake.Client(Options), Options).SwapAliasAsync(
            new IndexState("registry-documents-v1", ["registry-documents-v1", "registry-documents-v2"], ["registry-documents-v2"], false), "registry-documents-v2", CancellationToken.None);
        Assert.Equal(
            """{"actions":[{"remove":{"alias":"registry-documents","index":"registry-documents-v1"}},{"add":{"alias":"registry-documents","index":"registry-documents-v2","is_write_index":true}},{"remove":{"alias":"registry-documents-rebuild","index":"registry-documents-v2"}}]}""",
            fake.Requests.Single().Body);
        Assert.Equal("registry-documents-v2", fake.AliasTarget("registry-documents"));
    }

    [Fact]
    public void Every_search_case_of_the_behavioural_suite_builds_a_request() =>
        Assert.All(SearchCases.All.Where(c => !c.Name.Contains("BIN", StringComparison.Ordinal) && !c.Name.Contains("number", StringComparison.OrdinalIgnoreCase) && !c.Name.Contains("digits", StringComparison.Ordinal)),
            c => Assert.NotNull(ElasticsearchRequests.Search(Options.Alias, c.Request(new SearchSuiteApp()))));
}
