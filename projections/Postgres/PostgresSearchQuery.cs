using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>
/// Search over read.documents: the query's words resolved against the vocabulary first (typos corrected there), then
/// one statement — <see cref="SearchPlan.Counted"/> when the matches may be 10,000 or fewer (exact total and facets), or
/// <see cref="SearchPlan.Broad"/> when they are more (ordered index walks, a total of "more than 10,000", sampled facets).
/// A query of one word is counted first from the per-word counts (<see cref="SearchPlan.TermCounts"/>): exact total and
/// facets however many documents match, and the page from the ordered walk when that reads less than ranking the matches.
/// A query of several words that are each broad is bounded first by the counts of their pairs: two words are totalled
/// and faceted exactly from their pairs' facets when those tell (<see cref="SearchPlan.PairTotals"/>), and then only the
/// page is read (<see cref="SearchPlan.Ranked"/>, or the walk when broad); otherwise, unless the pairs put it below what a
/// sample can prove broad (then it is counted), the query is estimated from a sample (<see cref="SearchPlan.Estimate"/>)
/// and walked without counting when the estimate is well above 10,000.
/// </summary>
public sealed class PostgresSearchQuery(NpgsqlDataSource dataSource) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(SessionSettings, cancellationToken: ct));
        return await SearchAsync(conn, request, null, ct);
    }

    /// <summary>
    /// The search session's settings; the pool resets them when the connection goes back.
    /// <list type="bullet">
    /// <item>A plan per query: the statements are prepared (Max Auto Prepare) and the same text for every query of a
    /// shape, so after five runs PostgreSQL may plan them once for all words; a plan fit for a common word reads the whole
    /// index for a rare one (measured at 1M, two words one user at a time: p99.9 740 ms, 133 with a plan per query).</item>
    /// <item>No sequential scan: every search statement has an index to read, and the ordered walk of a broad query is
    /// chosen only from estimates — a broad word that the statistics' sample missed (`гас анд`: 51,844 matches, all
    /// stored together) made the planner read all of read.documents and sort it, 1.1 s, for a walk of 200 entries that
    /// takes 0.7 ms.</item>
    /// </list>
    /// </summary>
    public const string SessionSettings = "set plan_cache_mode = force_custom_plan; set enable_seqscan = off";

    /// <summary>The search on an open connection; <paramref name="sent"/>, when given, receives every planned statement
    /// sent with its parameters (the plan tests EXPLAIN them).</summary>
    public static async Task<SearchPage> SearchAsync(NpgsqlConnection conn, SearchRequest request, List<(string Sql, DynamicParameters Parameters)>? sent,
        CancellationToken ct)
    {
        var plan = await PlanAsync(conn, request, ct);
        if (plan.MatchesNothing) return Empty;
        if (plan.TermCounts() is { } termCounts)
        {
            sent?.Add((termCounts, plan.Parameters));
            var counts = await conn.QuerySingleAsync<(long Residual, long Total, string Facets, long Documents)>(
                new CommandDefinition(termCounts, plan.Parameters, cancellationToken: ct));
            if (counts.Residual <= SearchPlan.ResidualCap)
            {
                if (counts.Total == 0) return Empty;
                // Exact total and facets in hand: the page alone is left, from the ordered walk when it reads less, or when
                // more than 10,000 match (a filtered broad word: counting would stop at 10,001 only to walk after).
                if (counts.Total > SearchPage.ExactTotalLimit || plan.WalkIsCheaper(counts.Total, counts.Documents))
                    return await ReadAsync(conn, plan, plan.Broad(sampleFacets: false), exact: true, sent, ct, (counts.Total, counts.Facets));
            }
        }
        string? sampledFacets = null;
        long expectedMatches = 0;
        if (plan.LikelyBroad && await CountByPairsAsync(conn, plan, sent, ct) is var byPairs && (byPairs.Broad != false || byPairs.Totals is not null))
        {
            // Exact total and facets in hand: the page alone is left, walked when broad, else ranked among the matches.
            if (byPairs.Totals is { } pairCounts)
                return pairCounts.Total == 0 ? Empty : await ReadAsync(conn, plan,
                    pairCounts.Total > SearchPage.ExactTotalLimit ? plan.Broad(sampleFacets: false) : plan.Ranked(pairCounts.Total), exact: true, sent, ct, pairCounts);
            if (byPairs.Broad == true)
            {
                sampledFacets = byPairs.Facets;
                return await BroadAsync();
            }
            var estimate = plan.Estimate();
            sent?.Add((estimate, plan.Parameters));
            var sampled = await conn.QuerySingleAsync<(long Matches, long Squares, string Facets)>(new CommandDefinition(estimate, plan.Parameters, cancellationToken: ct));
            sampledFacets = sampled.Facets;
            expectedMatches = plan.EstimatedMatches(sampled.Matches);
            if (plan.SampleProvesBroad(sampled.Matches, sampled.Squares)) return await BroadAsync();
        }
        var probe = plan.Probe();
        sent?.AddRange(probe is null ? [] : [(probe, plan.Parameters)]);
        var broad = plan.KnownBroad
            || (probe is not null && await conn.ExecuteScalarAsync<long>(new CommandDefinition(probe, plan.Parameters, cancellationToken: ct)) > SearchPage.ExactTotalLimit);
        if (!broad)
        {
            var counted = await ReadAsync(conn, plan, plan.Counted(), exact: true, sent, ct);
            if (counted.TotalRelation == TotalRelation.Eq) return counted;
            expectedMatches = plan.WordMatchesAtMost;
        }
        return await BroadAsync();

        // The facets of a broad query are sampled once: by the estimate when it ran, else with the page.
        Task<SearchPage> BroadAsync() => sampledFacets is null
            ? ReadAsync(conn, plan, plan.Broad(expectedMatches: expectedMatches), exact: false, sent, ct)
            : ReadAsync(conn, plan, plan.Broad(sampleFacets: false, expectedMatches), exact: false, sent, ct, (SearchPage.ExactTotalLimit + 1, sampledFacets));
    }

    /// <summary>What the pair counts of a query of several broad words tell (<see cref="SearchPlan.Bounds"/>, then for two
    /// words <see cref="SearchPlan.PairTotals"/>): whether more than 10,000 documents match (null when they cannot tell),
    /// and its exact total and facets when they give them.</summary>
    static async Task<PairCount> CountByPairsAsync(NpgsqlConnection conn, SearchPlan plan, List<(string, DynamicParameters)>? sent, CancellationToken ct)
    {
        // One word (LikelyBroad by its completions) has no pairs to tell: the sample does.
        if (!plan.EveryWordBroad) return new(null, null);
        var (terms, pairs) = await ReadPairCountsAsync(conn, plan, ct, sent);
        plan.IndexTheCommonWordWhenTheOthersShareMany(terms, pairs);
        var (atLeast, atMost) = plan.Bounds(terms, pairs);
        var pairSum = plan.PairSum(terms, pairs);
        // Bounds that meet are one counted pair: its facets are the query's, for the price of reading them.
        if (atLeast != atMost)
        {
            if (atLeast > SearchPage.ExactTotalLimit) return new(true, null, await ApproximateFacetsAsync(conn, plan, terms, pairs, sent, ct));
            if (atMost <= SearchPage.ExactTotalLimit) return new(false, null);
            // The counted pairs far from 10,000: what they leave uncounted is unlikely to add as many again, and proving it
            // would read up to 5,000 documents (or a sample) before the count reads the matches anyway.
            if (pairSum <= SearchPage.ExactTotalLimit / 2) return new(false, null);
        }
        if (plan.PairTotals(terms, pairs) is not { } sql)
            return new(atLeast == atMost ? atLeast > SearchPage.ExactTotalLimit : SampleCannotTell(pairSum), null);
        sent?.Add((sql, plan.Parameters));
        var (residual, total, facets) = await conn.QuerySingleAsync<(long, long, string)>(new CommandDefinition(sql, plan.Parameters, cancellationToken: ct));
        return residual <= SearchPlan.ResidualCap ? new(total > SearchPage.ExactTotalLimit, (total, facets)) : new(SampleCannotTell(pairSum), null);
    }

    /// <summary>False (count the matches) when the counted pairs put the matches below what a sample can prove broad
    /// (<see cref="SearchPlan.BroadEstimate"/>): the sample would only be read before the count (`ТОО Алматы Сервис`,
    /// 6,811 matches at 1M: 9 ms of sample, then the count); null (let the sample tell) otherwise.</summary>
    static bool? SampleCannotTell(long pairSum) => pairSum < SearchPlan.BroadEstimate ? false : null;

    /// <summary>The facets of a query its pairs prove broad, from their counts (<see cref="SearchPlan.ApproximatePairFacets"/>);
    /// null when they cannot give them (the page's statement then samples them).</summary>
    static async Task<string?> ApproximateFacetsAsync(NpgsqlConnection conn, SearchPlan plan, Dictionary<string, (long Documents, bool Paired)> terms,
        Dictionary<(string, string), long> pairs, List<(string, DynamicParameters)>? sent, CancellationToken ct)
    {
        if (plan.ApproximatePairFacets(terms, pairs) is not { } sql) return null;
        sent?.Add((sql, plan.Parameters));
        return await conn.ExecuteScalarAsync<string>(new CommandDefinition(sql, plan.Parameters, cancellationToken: ct));
    }

    sealed record PairCount(bool? Broad, (long Total, string Facets)? Totals, string? Facets = null);

    /// <summary>The query's words' documents and pair counts (<see cref="SearchPlan.PairCounts"/>). Public for the plan tests.</summary>
    public static async Task<(Dictionary<string, (long Documents, bool Paired)> Terms, Dictionary<(string, string), long> Pairs)> ReadPairCountsAsync(
        NpgsqlConnection conn, SearchPlan plan, CancellationToken ct, List<(string, DynamicParameters)>? sent = null)
    {
        var sql = plan.PairCounts();
        sent?.Add((sql, plan.Parameters));
        var rows = (await conn.QueryAsync<(string A, string? B, long Documents, bool Paired)>(
            new CommandDefinition(sql, plan.Parameters, cancellationToken: ct))).ToList();
        return (rows.Where(r => r.B is null).ToDictionary(r => r.A, r => (r.Documents, r.Paired), StringComparer.Ordinal),
            rows.Where(r => r.B is not null).ToDictionary(r => (r.A, r.B!), r => r.Documents));
    }

    /// <summary>The plan for a request: its readings, and its words looked up in the vocabulary. Public for the plan tests.</summary>
    public static async Task<SearchPlan> PlanAsync(NpgsqlConnection conn, SearchRequest request, CancellationToken ct)
    {
        var intent = SearchIntent.Of(request.Q);
        var words = intent.Terms.Count == 0 ? [] : await SearchVocabulary.ResolveAsync(conn, intent.Terms, ct);
        return new SearchPlan(request, intent, words);
    }

    static readonly SearchPage Empty = new([], 0, TotalRelation.Eq, null, new SearchFacets(true, [], [], []));

    /// <summary>Reads one statement's total, facets and page; <paramref name="counted"/>, when given, is the exact total and
    /// facets already known (the statement then reads the page alone).</summary>
    static async Task<SearchPage> ReadAsync(NpgsqlConnection conn, SearchPlan plan, string sql, bool exact, List<(string, DynamicParameters)>? sent,
        CancellationToken ct, (long Total, string Facets)? counted = null)
    {
        sent?.Add((sql, plan.Parameters));
        var row = await conn.QuerySingleAsync<(long Total, string Facets, string Items)>(new CommandDefinition(sql, plan.Parameters, cancellationToken: ct));
        if (counted is { } known) row = (known.Total, known.Facets, row.Items);
        var items = JsonSerializer.Deserialize<List<ItemRow>>(row.Items, JsonSerializerOptions.Web)!;
        var facets = JsonSerializer.Deserialize<List<FacetRow>>(row.Facets, JsonSerializerOptions.Web)!;
        var broad = row.Total > SearchPage.ExactTotalLimit;
        var hasMore = items.Count > plan.Request.Limit;
        if (hasMore) items.RemoveAt(items.Count - 1);
        var relevance = plan.Request.Sort == SearchSort.Relevance;
        var next = hasMore
            ? SearchCursor.Encode(SearchCursor.TierKey(relevance ? (SearchTier)items[^1].Tier : SearchTier.Exact, items[^1].SortKey), items[^1].DocumentId)
            : null;
        List<FacetCount> Facet(string name) =>
            [.. facets.Where(f => f.Facet == name).Select(f => new FacetCount(f.Value, f.Count)).OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)];
        return new SearchPage(
            [.. items.Select(i => new SearchHit(i.Kind, i.Number, i.Status, i.IssuedOn, i.ValidUntil, i.HolderName, i.HolderFormerNames, i.HolderIdentifier, i.Region, (SearchTier)i.Tier))],
            broad ? SearchPage.ExactTotalLimit : row.Total, broad ? TotalRelation.Gte : TotalRelation.Eq, next,
            new SearchFacets(exact && (!broad || counted is not null), Facet("kind"), Facet("status"), Facet("region")));
    }

    sealed record ItemRow(Guid DocumentId, int Tier, string SortKey, string Kind, string Number, string Status, DateOnly IssuedOn, DateOnly? ValidUntil,
        string HolderName, string[] HolderFormerNames, string? HolderIdentifier, string? Region);

    sealed record FacetRow(string Facet, string Value, long Count);
}
