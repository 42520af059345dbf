using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Elastic.Transport.Extensions;
using Registry.Api.Tests.ReadSide;
using Registry.Domain.Search;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.Contract.Elasticsearch;

/// <summary>
/// The checked-in index definition against the code that writes and queries it: the document's fields are exactly the
/// mapped ones, every field a built query uses is mapped for that use, and the name analyzers (interpreted from the
/// definition itself) let the search words reach the names they should.
/// </summary>
public sealed partial class ElasticsearchMappingContractTests
{
    static readonly ElasticsearchOptions Options = new();
    static readonly JsonNode Definition = JsonNode.Parse(RegistryIndex.Definition)!;
    static JsonObject Properties => Definition["mappings"]!["properties"]!.AsObject();

    [Fact]
    public void The_index_document_has_exactly_the_mapped_fields()
    {
        var document = new RegistryIndexDocument("0196a1b2-0000-7000-8000-000000000001", "permit", "PRM-2026-000001", "PRM2026000001", "1000006202MRP", "valid",
            "2026-03-09", "2031-03-08", "ТОО «Атырау»", "990140000017", "Атырау облысы", ["oil-and-gas"], "тоо атырау", "буровая", "{}", 1, 7);
        var json = new FakeElasticsearch().Client(Options).ElasticsearchClientSettings.SourceSerializer.SerializeToString(document);

        Assert.Equal(Properties.Select(p => p.Key).Order(StringComparer.Ordinal), JsonNode.Parse(json)!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_field_the_built_queries_use_is_mapped_for_that_use()
    {
        var bodies = await BuiltBodiesAsync();
        var uses = bodies.SelectMany(Uses).Distinct().ToList();

        Assert.Empty(uses.SelectMany(Violations));
        // The walk sees every kind of use the code makes, so an empty list of violations means something.
        Assert.Equal(["aggregation", "match", "range", "sort", "term", "terms"], uses.Select(u => u.Use).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_check_rejects_a_field_used_against_its_mapping()
    {
        var bad = JsonNode.Parse("""
            {"query":{"bool":{"must":[{"term":{"nameFolded":{"value":"x"}}},{"match":{"kind":{"query":"x"}}},{"term":{"holderName":{"value":"x"}}},{"range":{"unknown":{"gte":1}}}]}},
             "sort":[{"nameFolded":{"order":"asc"}}],"aggregations":{"f":{"terms":{"field":"publicJson"}}}}
            """)!;
        Assert.Equal(6, Uses(bad).SelectMany(Violations).Count());
    }

    /// <summary>The bodies every public query sends: each case of the behavioural suite, every sort and cursor, every
    /// filter, the verify lookup and the organisation profile.</summary>
    static async Task<List<JsonNode>> BuiltBodiesAsync()
    {
        using var suite = new SearchSuiteApp();
        foreach (var (label, n) in "ABCDEFGHI".Select((l, i) => (l.ToString(), i + 1)))
        {
            suite.Numbers[label] = $"ATT-2026-{n:000000}";
            suite.Bins[label] = $"99014000{n:0000}";
        }
        var cursor = SearchCursor.Encode("1772323200000", Guid.NewGuid());
        var requests = SearchCases.All.Select(c => c.Request(suite))
            .Concat(Enum.GetValues<SearchSort>().SelectMany(sort => new[]
            {
                new SearchRequest("Караганды", Sort: sort), new SearchRequest(Kind: "permit", Sort: sort, Cursor: sort == SearchSort.Relevance ? SearchCursor.Encode("2.5", Guid.NewGuid()) : cursor),
            }))
            .Append(new SearchRequest("ATT-2026", "permit", "valid", "Атырау облысы", "mining", "990140000017", new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));
        var fake = new FakeElasticsearch();
        var client = fake.Client(Options);
        foreach (var request in requests) await client.SearchAsync<RegistryIndexDocument>(ElasticsearchRequests.Search(Options.Alias, request));
        await client.SearchAsync<RegistryIndexDocument>(ElasticsearchRequests.Lookup(Options.Alias, ["ATT2026000001"]));
        await client.SearchAsync<RegistryIndexDocument>(ElasticsearchRequests.Organisation(Options.Alias, "990140000017"));
        return [.. fake.Requests.Select(r => JsonNode.Parse(r.Body)!)];
    }

    static readonly string[] QueryLeaves = ["term", "terms", "range", "match", "match_phrase", "match_phrase_prefix", "prefix", "wildcard", "fuzzy"];

    /// <summary>(field, use) pairs: query leaves anywhere in the query, sort keys, terms aggregations.</summary>
    static IEnumerable<(string Field, string Use)> Uses(JsonNode body)
    {
        var uses = new List<(string, string)>();
        Walk(body["query"]);
        foreach (var sort in body["sort"]?.AsArray() ?? [])
            uses.AddRange(sort!.AsObject().Where(s => s.Key != "_score").Select(s => (s.Key, "sort")));
        foreach (var aggregation in body["aggregations"]?.AsObject() ?? [])
            uses.Add((aggregation.Value!["terms"]!["field"]!.GetValue<string>(), "aggregation"));
        return uses;

        void Walk(JsonNode? node)
        {
            if (node is JsonArray array) foreach (var item in array) Walk(item);
            if (node is not JsonObject obj) return;
            foreach (var (key, value) in obj)
            {
                if (QueryLeaves.Contains(key) && value is JsonObject leaf) uses.Add((leaf.Select(p => p.Key).First(k => k is not ("boost" or "_name")), key));
                else Walk(value);
            }
        }
    }

    static IEnumerable<string> Violations((string Field, string Use) use)
    {
        var parts = use.Field.Split('.');
        var mapping = Properties[parts[0]];
        if (parts.Length > 1) mapping = mapping?["fields"]?[parts[1]];
        if (mapping is null)
        {
            yield return $"{use.Field} ({use.Use}) is not mapped";
            yield break;
        }
        var type = mapping["type"]!.GetValue<string>();
        string[] exact = ["keyword", "date", "long", "integer", "short", "byte", "double", "float", "boolean"];
        var fits = use.Use switch
        {
            "term" or "terms" or "prefix" or "wildcard" => exact.Contains(type) && mapping["index"]?.GetValue<bool>() != false,
            "range" => type is "date" or "long" or "integer" or "short" or "byte" or "double" or "float",
            "sort" or "aggregation" => exact.Contains(type) && mapping["doc_values"]?.GetValue<bool>() != false,
            _ => type == "text",
        };
        if (!fits) yield return $"{use.Field} is {type}{(mapping["index"]?.GetValue<bool>() == false ? " (not indexed)" : "")}, unfit for {use.Use}";
    }

    [Theory]
    [InlineData("Павлод", "ТОО «Павлодар Энерго Аудит»", true)]
    [InlineData("Караганды комир", "ТОО «Қарағанды Көмір Сервис»", true)]
    [InlineData("Теплоэлектроэнергоснаб", "ТОО «Теплоэлектроэнергоснабжение»", true)]
    [InlineData("Теплоэлектроэнергоснабжение", "ТОО «Теплоэлектроэнергоснабжение»", true)]
    [InlineData("Ёлкин С", "ИП Ёлкин Сергей", true)]
    [InlineData("Ёлкин Т", "ИП Ёлкин Сергей", false)]
    [InlineData("Павлодарр", "ТОО «Павлодар Энерго Аудит»", false)]
    public void The_prefix_field_s_analyzers_let_every_query_word_reach_the_name_it_begins(string query, string name, bool matches)
    {
        var prefix = Properties["nameFolded"]!["fields"]!["prefix"]!;
        var indexed = Analyze(prefix["analyzer"]!.GetValue<string>(), SearchText.Fold(name)).ToHashSet();
        var searched = Analyze(prefix["search_analyzer"]!.GetValue<string>(), SearchText.Fold(query)).ToList();

        Assert.NotEmpty(searched);
        Assert.Equal(matches, searched.All(indexed.Contains)); // a match query with operator "and"
    }

    /// <summary>The definition's own analyzer, interpreted: the tokenizers and filters it uses, nothing else.</summary>
    static IEnumerable<string> Analyze(string analyzer, string text)
    {
        var analysis = Definition["settings"]!["analysis"]!;
        var definition = analysis["analyzer"]![analyzer]!;
        IEnumerable<string> tokens = definition["tokenizer"]!.GetValue<string>() switch
        {
            "standard" => Words().Split(text).Where(t => t.Length > 0),
            "keyword" => [text],
            var other => throw new NotSupportedException($"tokenizer {other}"),
        };
        foreach (var name in definition["filter"]!.AsArray().Select(f => f!.GetValue<string>()))
        {
            var filter = analysis["filter"]?[name];
            tokens = (name, filter?["type"]?.GetValue<string>()) switch
            {
                ("lowercase", null) => tokens.Select(t => t.ToLowerInvariant()),
                (_, "truncate") => tokens.Select(t => t[..Math.Min(t.Length, filter!["length"]!.GetValue<int>())]),
                (_, "edge_ngram") => tokens.SelectMany(t => EdgeNGrams(t, filter!)).ToList(),
                _ => throw new NotSupportedException($"filter {name}"),
            };
        }
        return tokens;
    }

    static IEnumerable<string> EdgeNGrams(string token, JsonNode filter)
    {
        var (min, max) = (filter["min_gram"]!.GetValue<int>(), filter["max_gram"]!.GetValue<int>());
        for (var n = min; n <= Math.Min(max, token.Length); n++) yield return token[..n];
        if (filter["preserve_original"]?.GetValue<bool>() == true) yield return token;
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex Words();
}
