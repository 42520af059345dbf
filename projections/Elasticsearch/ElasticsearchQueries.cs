using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Registry.Domain.Search;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Elasticsearch;

public sealed class ElasticsearchVerifyQuery(ElasticsearchClient client, ElasticsearchOptions options) : IVerifyQuery
{
    public async Task<PublicDocument?> FindAsync(string numberNorm, CancellationToken ct) =>
        (await FindManyAsync([numberNorm], ct)).GetValueOrDefault(numberNorm);

    public async Task<IReadOnlyDictionary<string, PublicDocument>> FindManyAsync(IReadOnlyCollection<string> numberNorms, CancellationToken ct)
    {
        var response = await client.SearchAsync<RegistryIndexDocument>(ElasticsearchRequests.Lookup(options.Alias, numberNorms), ct);
        if (!response.IsValidResponse) throw new InvalidOperationException($"Verify lookup failed: {response.DebugInformation}");
        return response.Documents.ToDictionary(d => d.NumberNorm, d => d.Public());
    }
}

public sealed class ElasticsearchSearchQuery(ElasticsearchClient client, ElasticsearchOptions options) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(Queries.SearchRequest request, CancellationToken ct)
    {
        var response = await client.SearchAsync<RegistryIndexDocument>(ElasticsearchRequests.Search(options.Alias, request), ct);
        if (!response.IsValidResponse) throw new InvalidOperationException($"Search failed: {response.DebugInformation}");
        var hits = response.Hits.ToList();
        var hasMore = hits.Count > request.Limit;
        if (hasMore) hits.RemoveAt(hits.Count - 1);
        var relevance = request.Sort == SearchSort.Relevance;
        var next = hasMore ? ElasticsearchRequests.Cursor(hits[^1], relevance) : null;
        // track_total_hits counts up to the limit exactly; beyond, Elasticsearch says "gte" and stops counting.
        var total = response.HitsMetadata.Total?.Match(t => t, n => new TotalHits { Value = n, Relation = TotalHitsRelation.Eq });
        return new SearchPage(
            [.. hits.Select(h => h.Source!.Hit(ElasticsearchRequests.TierOf(h.Score)))],
            total?.Value ?? 0, total?.Relation == TotalHitsRelation.Gte ? TotalRelation.Gte : TotalRelation.Eq, next,
            new SearchFacets(true, Facet(response, "kind"), Facet(response, "status"), Facet(response, "region")));
    }

    static List<FacetCount> Facet(SearchResponse<RegistryIndexDocument> response, string name) =>
        response.Aggregations?.GetStringTerms(name) is { } terms
            ? [.. terms.Buckets.Select(b => new FacetCount(b.Key.ToString()!, b.DocCount))]
            : [];
}

public sealed class ElasticsearchOrganisationQuery(ElasticsearchClient client, ElasticsearchOptions options) : IOrganisationQuery
{
    public async Task<OrganisationProfile?> FindAsync(string bin, CancellationToken ct)
    {
        var response = await client.SearchAsync<RegistryIndexDocument>(ElasticsearchRequests.Organisation(options.Alias, bin), ct);
        if (!response.IsValidResponse) throw new InvalidOperationException($"Organisation lookup failed: {response.DebugInformation}");
        var documents = response.Documents.ToList();
        if (documents.Count == 0) return null;
        // As on PostgreSQL: each document carries the holder as it was when it last changed; the freshest wins.
        var holder = documents.MaxBy(d => d.Position)!.Public().Holder;
        return new OrganisationProfile(bin, holder.Name, holder.FormerNames, holder.Region,
            [.. documents.Select(d => d.Hit(SearchTier.Exact))]);
    }
}

/// <summary>
/// The request bodies the public endpoints send, built in one place so contract tests can assert them. Query intent is
/// read exactly as for PostgreSQL (<see cref="SearchIntent"/>); pages use search_after on the sort key plus documentId
/// as a unique tiebreaker, with an exact total (track_total_hits) and terms facets.
/// </summary>
public static class ElasticsearchRequests
{
    public static Elastic.Clients.Elasticsearch.SearchRequest Lookup(string alias, IReadOnlyCollection<string> numberNorms) => new(alias)
    {
        Query = new TermsQuery("numberNorm", numberNorms.Select(n => (FieldValue)n).ToArray()),
        Size = numberNorms.Count,
    };

    /// <summary>Every document of one holder, newest first (an index's default result window, 10,000, is far above any holder's count).</summary>
    public static Elastic.Clients.Elasticsearch.SearchRequest Organisation(string alias, string bin) => new(alias)
    {
        Query = new BoolQuery { Filter = [new TermQuery("holderIdentifier", bin)] },
        Size = 10_000,
        Sort = [new FieldSort("issuedOn") { Order = SortOrder.Desc }, new FieldSort("numberNorm") { Order = SortOrder.Asc }],
    };

    /// <summary>
    /// The readings of the query (<see cref="SearchIntent"/>, as on PostgreSQL) as one dis_max of constant scores, one
    /// score per tier, so _score is the tier and the sort — tier, then searchOrder (valid first, newest first), then
    /// documentId — ranks exactly as the PostgreSQL backend does. Words match searchText (the folded name and scope):
    /// each word in any of its forms (the unfinished last one as a prefix, a place under any of its names) and, for
    /// words of five letters or more, with one typo, in a lower tier. Totals are exact up to 10,000 (track_total_hits),
    /// facets are terms aggregations.
    /// </summary>
    public static Elastic.Clients.Elasticsearch.SearchRequest Search(string alias, Queries.SearchRequest r)
    {
        var intent = SearchIntent.Of(r.Q);
        var filters = new List<Query>();
        void Term(string field, string? value)
        {
            if (value is not null) filters.Add(new TermQuery(field, value));
        }
        Term("kind", r.Kind);
        Term("status", r.Status);
        Term("region", r.Region);
        Term("sectors", r.Sector);
        Term("holderIdentifier", r.Bin);
        if (r.IssuedFrom is not null || r.IssuedTo is not null)
        {
            var range = new DateRangeQuery("issuedOn") { Format = "yyyy-MM-dd" };
            if (r.IssuedFrom is { } from) range.Gte = Day(from);
            if (r.IssuedTo is { } to) range.Lte = Day(to);
            filters.Add(range);
        }
        var tiers = Tiers(intent);
        var relevance = r.Sort == SearchSort.Relevance;
        var (sortField, descending) = r.Sort switch
        {
            SearchSort.IssuedNewest => ("issuedOn", true),
            SearchSort.IssuedOldest => ("issuedOn", false),
            SearchSort.Number => ("numberNorm", false),
            _ => ("_score", true),
        };
        var request = new Elastic.Clients.Elasticsearch.SearchRequest(alias)
        {
            Query = tiers.Count == 0 ? new BoolQuery { Filter = filters }
                : new BoolQuery { Filter = filters, Must = [new DisMaxQuery { Queries = [.. tiers.Select(t => (Query)new ConstantScoreQuery { Filter = t.Query, Boost = t.Score })] }] },
            Size = r.Limit + 1,
            TrackTotalHits = new TrackHits(SearchPage.ExactTotalLimit),
            // A hit shows neither folded text; it takes the holder's former names from the public JSON.
            Source = new SourceConfig(new SourceFilter { Excludes = new[] { "nameFolded", "scopeFolded" } }),
            TrackScores = !relevance && tiers.Count > 0 ? true : null,
            Sort = relevance
                ? [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, new FieldSort("searchOrder") { Order = SortOrder.Asc }, new FieldSort("documentId") { Order = SortOrder.Asc }]
                : [new FieldSort(sortField) { Order = descending ? SortOrder.Desc : SortOrder.Asc }, new FieldSort("documentId") { Order = SortOrder.Asc }],
            Aggregations = new Dictionary<string, Aggregation>
            {
                ["kind"] = new TermsAggregation { Field = "kind", Size = 10 },
                ["status"] = new TermsAggregation { Field = "status", Size = 10 },
                ["region"] = new TermsAggregation { Field = "region", Size = 50 },
            },
        };
        if (SearchCursor.TryDecode(r.Cursor, out var sortKey, out var id) && SearchCursor.TryReadTierKey(sortKey, out var tier, out var key))
            request.SearchAfter = relevance
                ? [FieldValue.Double(Score(tier)), FieldValue.Long(long.Parse(key, CultureInfo.InvariantCulture)), id.ToString()]
                : [CursorValue(sortField, key), id.ToString()];
        return request;
    }

    /// <summary>The tiers' scores, best first; the typo tier scores lowest and reads as all-words.</summary>
    static float Score(SearchTier tier) => tier switch
    {
        SearchTier.Exact => 60,
        SearchTier.NumberPrefix => 50,
        SearchTier.NumberSuffix => 40,
        SearchTier.BinPrefix => 30,
        SearchTier.Phrase => 20,
        _ => 10,
    };

    const float TypoScore = 5;

    public static SearchTier TierOf(double? score) => score switch
    {
        >= 60 => SearchTier.Exact,
        >= 50 => SearchTier.NumberPrefix,
        >= 40 => SearchTier.NumberSuffix,
        >= 30 => SearchTier.BinPrefix,
        >= 20 => SearchTier.Phrase,
        _ => SearchTier.AllWords,
    };

    static List<(float Score, Query Query)> Tiers(SearchIntent intent)
    {
        var tiers = new List<(float, Query)>();
        void Add(SearchTier tier, Query query) => tiers.Add((Score(tier), query));
        var exact = new List<Query>();
        if (intent.Number is { } number) exact.Add(new TermQuery("numberNorm", number));
        if (intent.Bin is { } bin) exact.Add(new TermQuery("holderIdentifier", bin));
        if (exact.Count > 0) Add(SearchTier.Exact, exact.Count == 1 ? exact[0] : new BoolQuery { Should = exact });
        if (intent.NumberPrefix is { } prefix) Add(SearchTier.NumberPrefix, new MatchQuery("numberNorm.prefix", prefix));
        if (intent.NumberSuffix is { } suffix) Add(SearchTier.NumberSuffix, new MatchQuery("numberReversed.prefix", new string([.. suffix.Reverse()])));
        if (intent.BinPrefix is { } binPrefix) Add(SearchTier.BinPrefix, new PrefixQuery("holderIdentifier", binPrefix));
        if (intent.Terms.Count > 0)
        {
            if (intent.Terms.Count > 1) Add(SearchTier.Phrase, Phrases(intent.Terms));
            Add(SearchTier.AllWords, new BoolQuery { Must = [.. intent.Terms.Select((t, i) => Term(t, typo: false, last: i == intent.Terms.Count - 1))] });
            if (intent.Terms.Any(t => TypoWord(t) is not null))
                tiers.Add((TypoScore, new BoolQuery { Must = [.. intent.Terms.Select((t, i) => Term(t, typo: true, last: i == intent.Terms.Count - 1))] }));
        }
        return tiers;
    }

    /// <summary>A word as typed (the query's last word unfinished, as on PostgreSQL), or the place under another name.</summary>
    static Query Term(QueryTerm term, bool typo, bool last)
    {
        var forms = new List<Query>
        {
            (term.Words.Count, last) switch
            {
                (1, true) => new MatchQuery("searchText.prefix", term.Text),
                (1, false) => new MatchQuery("searchText", term.Text),
                (_, true) => new MatchPhrasePrefixQuery("searchText", term.Text),
                _ => new MatchPhraseQuery("searchText", term.Text),
            },
        };
        forms.AddRange(term.OtherNames.Select(name => (Query)new MatchPhraseQuery("searchText", string.Join(' ', name))));
        if (last && term.AlsoBegins is { } also) forms.Add(new MatchQuery("searchText.prefix", also));
        if (typo && TypoWord(term) is { } word) forms.Add(new MatchQuery("searchText", word) { Fuzziness = new Fuzziness(1) });
        return forms.Count == 1 ? forms[0] : new BoolQuery { Should = forms, MinimumShouldMatch = 1 };
    }

    static string? TypoWord(QueryTerm term) => term is { Words.Count: 1, OtherNames.Count: 0 } && Typos.MayCorrect(term.Words[0]) ? term.Words[0] : null;

    /// <summary>The words next to each other in the order typed, the last unfinished; a place under each of its names
    /// (at most 16 spellings of the phrase).</summary>
    static Query Phrases(IReadOnlyList<QueryTerm> terms)
    {
        IEnumerable<string> spellings = [""];
        foreach (var term in terms)
        {
            var forms = term.OtherNames.Select(n => string.Join(' ', n)).Prepend(term.Text).Concat(term.AlsoBegins is { } also ? [also] : []).ToList();
            spellings = spellings.SelectMany(s => forms.Select(f => s.Length == 0 ? f : $"{s} {f}"));
        }
        var queries = spellings.Take(16).Select(s => (Query)new MatchPhrasePrefixQuery("searchText", s)).ToList();
        return queries.Count == 1 ? queries[0] : new BoolQuery { Should = queries, MinimumShouldMatch = 1 };
    }

    /// <summary>The cursor after a hit: its tier and searchOrder (relevance), or its sort value (date in epoch
    /// milliseconds, or number).</summary>
    public static string Cursor(Hit<RegistryIndexDocument> hit, bool relevance) => relevance
        ? SearchCursor.Encode(SearchCursor.TierKey(TierOf(hit.Score), hit.Source!.SearchOrder.ToString(CultureInfo.InvariantCulture)), Guid.Parse(hit.Source.DocumentId))
        : SearchCursor.Encode(SearchCursor.TierKey(SearchTier.Exact, hit.Sort!.First().ToString() ?? ""), Guid.Parse(hit.Source!.DocumentId));

    static FieldValue CursorValue(string sortField, string key) => sortField switch
    {
        "issuedOn" => FieldValue.Long(long.Parse(key, CultureInfo.InvariantCulture)),
        _ => FieldValue.String(key),
    };

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
