using System.Globalization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
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
        var next = hasMore ? SearchCursor.Encode(ElasticsearchRequests.CursorKey(hits[^1].Sort!.First()), Guid.Parse(hits[^1].Source!.DocumentId)) : null;
        return new SearchPage(
            [.. hits.Select(h => h.Source!.Hit())],
            response.Total, next,
            new SearchFacets(Facet(response, "kind"), Facet(response, "status"), Facet(response, "region")));
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
            [.. documents.Select(d => d.Hit())]);
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
        Query? must = intent.Kind switch
        {
            SearchIntentKind.Bin => new TermQuery("holderIdentifier", intent.Text),
            SearchIntentKind.NumberPrefix => new MatchQuery("numberNorm.prefix", intent.Text),
            SearchIntentKind.NumberSuffix => new MatchQuery("numberReversed.prefix", new string([.. intent.Text.Reverse()])),
            SearchIntentKind.Name => new BoolQuery
            {
                // Whole words or their beginnings, all required; or the words with a small typo each.
                Should =
                [
                    new MatchQuery("nameFolded.prefix", intent.Text) { Operator = Operator.And, Boost = 2 },
                    new MatchQuery("nameFolded", intent.Text) { Operator = Operator.And, Fuzziness = new Fuzziness("AUTO"), PrefixLength = 1 },
                    new MatchQuery("scopeFolded", intent.Text) { Operator = Operator.And },
                ],
                MinimumShouldMatch = 1,
            },
            _ => null,
        };
        var (sortField, descending) = r.Sort switch
        {
            SearchSort.IssuedNewest => ("issuedOn", true),
            SearchSort.IssuedOldest => ("issuedOn", false),
            SearchSort.Number => ("numberNorm", false),
            _ => ("_score", true),
        };
        var request = new Elastic.Clients.Elasticsearch.SearchRequest(alias)
        {
            Query = must is null ? new BoolQuery { Filter = filters } : new BoolQuery { Filter = filters, Must = [must] },
            Size = r.Limit + 1,
            TrackTotalHits = true,
            // A hit needs the indexed fields only; the public JSON is for the verify lookup.
            Source = new SourceConfig(new SourceFilter { Excludes = "publicJson" }),
            Sort =
            [
                sortField == "_score" ? new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } } : new FieldSort(sortField) { Order = descending ? SortOrder.Desc : SortOrder.Asc },
                new FieldSort("documentId") { Order = SortOrder.Asc },
            ],
            Aggregations = new Dictionary<string, Aggregation>
            {
                ["kind"] = new TermsAggregation { Field = "kind", Size = 10 },
                ["status"] = new TermsAggregation { Field = "status", Size = 10 },
                ["region"] = new TermsAggregation { Field = "region", Size = 50 },
            },
        };
        if (SearchCursor.TryDecode(r.Cursor, out var key, out var id))
            request.SearchAfter = [CursorValue(sortField, key), id.ToString()];
        return request;
    }

    /// <summary>The first sort value of a hit as cursor text: a score, a date in epoch milliseconds, or a number.</summary>
    public static string CursorKey(FieldValue value) => value.ToString() ?? "";

    static FieldValue CursorValue(string sortField, string key) => sortField switch
    {
        "_score" => FieldValue.Double(double.Parse(key, CultureInfo.InvariantCulture)),
        "issuedOn" => FieldValue.Long(long.Parse(key, CultureInfo.InvariantCulture)),
        _ => FieldValue.String(key),
    };

    static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
