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

    /// <summary>The tiers of the dis_max, each a constant score: the score is the tier.</summary>
    static JsonArray Tiers(JsonNode body) => Single(body["query"]!["bool"]!["must"])["dis_max"]!["queries"]!.AsArray();

    [Fact]
    public async Task A_name_query_is_folded_and_ranked_in_tiers_phrase_then_all_words_then_one_typo_with_a_capped_total_and_three_facets()
    {
        var body = await SearchBody(new SearchRequest("Qaragandy Көмір"));
        var tiers = Tiers(body);
        Assert.Equal([20, 10, 5], tiers.Select(t => t!["constant_score"]!["boost"]!.GetValue<int>()));
        // The words next to each other, the last unfinished, and the place under its Russian name too.
        Assert.Equal("""{"bool":{"minimum_should_match":1,"should":[{"match_phrase_prefix":{"searchText":{"query":"караганди комир"}}},{"match_phrase_prefix":{"searchText":{"query":"караганда комир"}}}]}}""",
            Json(tiers[0]!["constant_score"]!["filter"]));
        // Every word, whole but the last (unfinished: from its beginning); a place under any of its names.
        Assert.Equal("""{"bool":{"must":[{"bool":{"minimum_should_match":1,"should":[{"match":{"searchText":{"query":"караганди"}}},{"match_phrase":{"searchText":{"query":"караганда"}}}]}},{"match":{"searchText.prefix":{"query":"комир"}}}]}}""",
            Json(tiers[1]!["constant_score"]!["filter"]));
        // One typo in a word of five letters or more, scored below.
        Assert.Contains("""{"match":{"searchText":{"fuzziness":1,"query":"комир"}}}""", Json(tiers[2]), StringComparison.Ordinal);
        Assert.Equal(10_000, body["track_total_hits"]!.GetValue<int>());
        Assert.Equal("""{"excludes":["nameFolded","scopeFolded"]}""", Json(body["_source"]));
        Assert.Equal(21, body["size"]!.GetValue<int>());
        Assert.Equal("""[{"_score":{"order":"desc"}},{"searchOrder":{"order":"asc"}},{"documentId":{"order":"asc"}}]""", Json(body["sort"]));
        Assert.Equal("""{"kind":{"terms":{"field":"kind","size":10}},"region":{"terms":{"field":"region","size":50}},"status":{"terms":{"field":"status","size":10}}}""",
            Json(new JsonObject(body["aggregations"]!.AsObject().OrderBy(kv => kv.Key).Select(kv => KeyValuePair.Create(kv.Key, kv.Value?.DeepClone())))));
    }

    [Fact]
    public async Task An_old_place_name_matches_the_place_under_its_current_name()
    {
        var tiers = Tiers(await SearchBody(new SearchRequest("Гурьев")));
        Assert.Equal("""[{"constant_score":{"boost":10,"filter":{"bool":{"must":{"bool":{"minimum_should_match":1,"should":[{"match":{"searchText.prefix":{"query":"гурев"}}},{"match_phrase":{"searchText":{"query":"атирау"}}}]}}}}}}]""",
            Json(tiers));
    }

    [Fact]
    public async Task A_legal_form_spelled_out_matches_its_words_or_its_short_form()
    {
        var tiers = Tiers(await SearchBody(new SearchRequest("Товарищество с ограниченной ответственностью")));
        Assert.Equal("""[{"constant_score":{"boost":10,"filter":{"bool":{"must":{"bool":{"minimum_should_match":1,"should":[{"match_phrase_prefix":{"searchText":{"query":"товарищество с ограниченнои ответственностиу"}}},{"match_phrase":{"searchText":{"query":"тоо"}}}]}}}}}}]""",
            Json(tiers));
    }

    [Fact]
    public async Task A_last_word_typed_up_to_a_Latin_digraph_s_first_letter_is_also_the_beginning_with_the_digraph()
    {
        var tiers = Tiers(await SearchBody(new SearchRequest("Tec")));
        Assert.Equal("""[{"constant_score":{"boost":10,"filter":{"bool":{"must":{"bool":{"minimum_should_match":1,"should":[{"match":{"searchText.prefix":{"query":"тец"}}},{"match":{"searchText.prefix":{"query":"теч"}}}]}}}}}}]""",
            Json(tiers));
    }

    [Theory]
    [InlineData("ATT-2026-000123", """[{"constant_score":{"boost":60,"filter":{"term":{"numberNorm":{"value":"ATT2026000123"}}}}}]""")]
    [InlineData("ATT-2026-123", """[{"constant_score":{"boost":60,"filter":{"term":{"numberNorm":{"value":"ATT2026000123"}}}}},{"constant_score":{"boost":50,"filter":{"match":{"numberNorm.prefix":{"query":"ATT2026123"}}}}}]""")]
    [InlineData("ATT-2026-000", """[{"constant_score":{"boost":50,"filter":{"match":{"numberNorm.prefix":{"query":"ATT2026000"}}}}}]""")]
    [InlineData("Аттестат № ATT-2026-000123 от 12.03.2026", """[{"constant_score":{"boost":60,"filter":{"term":{"numberNorm":{"value":"ATT2026000123"}}}}}]""")]
    [InlineData("ЗКЬ-2026-000123", """[{"constant_score":{"boost":60,"filter":{"term":{"numberNorm":{"value":"PRM2026000123"}}}}}]""")]
    [InlineData("ДЕК 2026 0", """[{"constant_score":{"boost":50,"filter":{"match":{"numberNorm.prefix":{"query":"DEC20260"}}}}}]""")]
    [InlineData("ATT-2O26-OOO123", """[{"constant_score":{"boost":60,"filter":{"term":{"numberNorm":{"value":"ATT2026000123"}}}}}]""")]
    [InlineData("атт 2026", """[{"constant_score":{"boost":50,"filter":{"match":{"numberNorm.prefix":{"query":"ATT2026"}}}}}]""")]
    [InlineData("9901 4000 0017", """[{"constant_score":{"boost":60,"filter":{"term":{"holderIdentifier":{"value":"990140000017"}}}}}]""")]
    [InlineData("197302", """[{"constant_score":{"boost":40,"filter":{"match":{"numberReversed.prefix":{"query":"203791"}}}}},{"constant_score":{"boost":30,"filter":{"prefix":{"holderIdentifier":{"value":"197302"}}}}},{"constant_score":{"boost":10,"filter":{"bool":{"must":{"match":{"searchText.prefix":{"query":"197302"}}}}}}}]""")]
    [InlineData("123", """[{"constant_score":{"boost":40,"filter":{"match":{"numberReversed.prefix":{"query":"321"}}}}},{"constant_score":{"boost":10,"filter":{"bool":{"must":{"match":{"searchText.prefix":{"query":"123"}}}}}}}]""")]
    public async Task Numbers_and_bins_are_read_as_a_person_types_them_before_they_are_sent(string q, string expectedTiers) =>
        Assert.Equal(expectedTiers, Json(Tiers(await SearchBody(new SearchRequest(q)))));

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
    public async Task A_cursor_becomes_search_after_with_the_tier_score_the_order_and_the_tiebreaker()
    {
        var id = Guid.Parse("0196a1b2-0000-7000-8000-000000000001");
        var body = await SearchBody(new SearchRequest(Kind: "permit", Sort: SearchSort.IssuedNewest, Cursor: SearchCursor.Encode(SearchCursor.TierKey(SearchTier.Exact, "1772323200000"), id)));
        Assert.Equal($$"""[1772323200000,"{{id}}"]""", Json(body["search_after"]));
        var byRelevance = await SearchBody(new SearchRequest("Караганды", Cursor: SearchCursor.Encode(SearchCursor.TierKey(SearchTier.Phrase, "260123"), id)));
        Assert.Equal($$"""[20,260123,"{{id}}"]""", Json(byRelevance["search_after"]));
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
        Assert.Equal(["ТОО «Старое Имя»"], profile.Documents[0].HolderFormerNames);
        Assert.Equal(["PRM-2026-000001", "ATT-2025-000004"], profile.Documents.Select(d => d.Number));
    }

    [Fact]
    public async Task An_unknown_organisation_is_none()
    {
        var fake = new FakeElasticsearch();
        Assert.Null(await new ElasticsearchOrganisationQuery(fake.Client(Options), Options).FindAsync("990140000017", CancellationToken.None));
    }

    [Fact]
    public async Task A_search_answer_is_read_into_hits_with_their_tier_a_lower_bound_total_exact_facets_and_a_cursor()
    {
        var fake = new FakeElasticsearch
        {
            SearchResponse = """
                {"took":3,"timed_out":false,"hits":{"total":{"value":10000,"relation":"gte"},"max_score":20,"hits":[
                  {"_index":"registry-documents-v1","_id":"0196a1b2-0000-7000-8000-000000000001","_score":20,"sort":[20,260123,"0196a1b2-0000-7000-8000-000000000001"],
                   "_source":{"documentId":"0196a1b2-0000-7000-8000-000000000001","kind":"permit","number":"PRM-2026-000001","numberNorm":"PRM2026000001","numberReversed":"1000006202MRP",
                     "status":"valid","issuedOn":"2026-03-09","validUntil":null,"holderName":"ТОО «Атырау Мұнай Газ»","holderIdentifier":"990140000017","region":"Атырау облысы",
                     "sectors":[],"searchOrder":260123,"version":1,"position":7,
                     "publicJson":"{\"holder\":{\"name\":\"ТОО «Атырау Мұнай Газ»\",\"formerNames\":[\"ТОО «Каспий Мұнай»\"]}}"}},
                  {"_index":"registry-documents-v1","_id":"0196a1b2-0000-7000-8000-000000000002","_score":10,"sort":[10,1260122,"0196a1b2-0000-7000-8000-000000000002"],
                   "_source":{"documentId":"0196a1b2-0000-7000-8000-000000000002","kind":"permit","number":"PRM-2026-000002","numberNorm":"PRM2026000002","numberReversed":"2000006202MRP",
                     "status":"suspended","issuedOn":"2026-03-10","validUntil":"2031-03-09","holderName":"ТОО «Атырау Сервис»","holderIdentifier":null,"region":null,
                     "sectors":[],"searchOrder":1260122,"version":2,"position":9,"publicJson":"{\"holder\":{\"name\":\"ТОО «Атырау Сервис»\",\"formerNames\":[]}}"}}]},
                 "aggregations":{"sterms#kind":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"permit","doc_count":57}]},
                   "sterms#status":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"valid","doc_count":50},{"key":"suspended","doc_count":7}]},
                   "sterms#region":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"Атырау облысы","doc_count":40}]}}}
                """,
        };
        var page = await new ElasticsearchSearchQuery(fake.Client(Options), Options).SearchAsync(new SearchRequest("Атырау", Limit: 1), CancellationToken.None);
        Assert.Equal((10_000L, TotalRelation.Gte), (page.Total, page.TotalRelation));
        Assert.Equal(("PRM-2026-000001", SearchTier.Phrase), (page.Items.Single().Number, page.Items[0].Match));
        Assert.Equal(new DateOnly(2026, 3, 9), page.Items[0].IssuedOn);
        Assert.Equal(["ТОО «Каспий Мұнай»"], page.Items[0].HolderFormerNames);
        Assert.True(page.Facets.Exact);
        Assert.Equal([("valid", 50L), ("suspended", 7L)], page.Facets.Status.Select(f => (f.Value, f.Count)));
        Assert.True(SearchCursor.TryDecode(page.NextCursor, out var key, out var id));
        Assert.Equal((SearchCursor.TierKey(SearchTier.Phrase, "260123"), Guid.Parse("0196a1b2-0000-7000-8000-000000000001")), (key, id));
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
        var mapping = JsonNode.Parse(create.Body)!["mappings"]!;
        Assert.Equal("strict", mapping["dynamic"]!.GetValue<string>());
        Assert.Equal("keyword", mapping["properties"]!["kind"]!["type"]!.GetValue<string>());
        Assert.Equal("folded_prefix", mapping["properties"]!["searchText"]!["fields"]!["prefix"]!["analyzer"]!.GetValue<string>());
        Assert.Equal(("searchText", "searchText", "long"), (mapping["properties"]!["nameFolded"]!["copy_to"]!.GetValue<string>(),
            mapping["properties"]!["scopeFolded"]!["copy_to"]!.GetValue<string>(), mapping["properties"]!["searchOrder"]!["type"]!.GetValue<string>()));
        Assert.Equal("""{"actions":[{"add":{"alias":"registry-documents","index":"registry-documents-v1","is_write_index":true}}]}""", fake.Requests.Single(r => r.Path == "/_aliases").Body);
        Assert.Equal("registry-documents-v1", fake.AliasTarget("registry-documents"));
    }

    [Fact]
    public void The_definition_has_no_replica_on_a_single_node_and_prefix_analyzers_for_one_letter_and_long_words()
    {
        var definition = JsonNode.Parse(RegistryIndex.Definition)!;
        Assert.Equal("0-1", definition["settings"]!["auto_expand_replicas"]!.GetValue<string>());
        Assert.Equal("strict", definition["mappings"]!["dynamic"]!.GetValue<string>());
        var prefix = definition["mappings"]!["properties"]!["searchText"]!["fields"]!["prefix"]!;
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
    public void Every_search_case_of_the_behavioural_suite_builds_a_request()
    {
        var app = new SearchSuiteApp();
        foreach (var label in "ABCDEFGHIJKLM") (app.Numbers[label.ToString()], app.Bins[label.ToString()]) = ("ATT-2026-000001", "990140000017");
        Assert.All(SearchCases.All, c => Assert.NotNull(ElasticsearchRequests.Search(Options.Alias, c.Request(app))));
    }
}
