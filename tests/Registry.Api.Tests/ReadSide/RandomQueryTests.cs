using System.Text.RegularExpressions;
using CsCheck;
using Dapper;
using Registry.Domain.Documents;
using Registry.Domain.Search;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>
/// Queries drawn from the 200,000 documents' own names, the way people type them: adjacent words, an unfinished last
/// word, a dropped letter, words out of order, two broad words, a broad word beside a rare one. Whichever way the search
/// plans one (counted, walked, sampled, split, corrected by pair counts), its answer must agree with a plain count of
/// what its words match: the total (exact up to 10,000, else a lower bound), the status facets when exact, a page of
/// matching documents in the order asked (by reading, then status and newest, for relevance), and a second page that
/// continues the first. Some are narrowed by a kind, a status or a region, or sorted by date or number. The queries are
/// drawn with a fixed seed, so a failure names a query that fails again.
/// </summary>
[Collection(nameof(LargeDataCollection))]
public sealed partial class RandomQueryTests(LargeSearchSuiteApp app)
{
    /// <summary>100 in the suite; more, or another seed, for a deeper look (REGISTRY_RANDOM_QUERIES=1500 REGISTRY_RANDOM_SEED=7).</summary>
    static readonly int Queries = int.Parse(Environment.GetEnvironmentVariable("REGISTRY_RANDOM_QUERIES") ?? "100", System.Globalization.CultureInfo.InvariantCulture);
    static readonly int Seed = int.Parse(Environment.GetEnvironmentVariable("REGISTRY_RANDOM_SEED") ?? "20261201", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Queries_drawn_from_the_registry_s_names_agree_with_a_count_of_their_matches()
    {
        await app.LoadLargeAsync();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var names = (await conn.QueryAsync<string>(
            "select holder_name from read.documents tablesample system (2) repeatable (5) order by number_norm")).ToList();
        var broad = (await conn.QueryAsync<string>("select term from read.search_pair_terms order by term")).ToList();
        Assert.NotEmpty(broad);
        var kinds = (await conn.QueryAsync<string>("select distinct kind from read.search_rows order by kind")).ToList();
        var regions = (await conn.QueryAsync<string>("select distinct region from read.search_rows where region is not null order by region")).ToList();
        string[] statuses = ["valid", "suspended", "expired", "revoked"];
        var random = new Random(Seed);
        var problems = new List<string>();
        for (var i = 0; i < Queries; i++)
        {
            var q = Draw(random, names, broad);
            if (q.Length == 0) continue;
            // Most as typed in the search box; some narrowed by a facet or sorted otherwise, as the website offers.
            var request = new SearchRequest(q,
                Kind: random.Next(8) == 0 ? kinds[random.Next(kinds.Count)] : null,
                Status: random.Next(8) == 0 ? statuses[random.Next(statuses.Length)] : null,
                Region: random.Next(8) == 0 ? regions[random.Next(regions.Count)] : null,
                Sort: random.Next(4) == 0 ? (SearchSort)random.Next(4) : SearchSort.Relevance);
            try
            {
                problems.AddRange((await CheckAsync(conn, request)).Select(p => $"{request}: {p}"));
            }
            catch (Exception e)
            {
                problems.Add($"{request}: {e.GetType().Name}: {e.Message} {e.StackTrace}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>Whatever is typed — the full-text query syntax, broken words of the vocabulary, letters of every script
    /// the registry folds, digits —, a search of 200,000 documents answers a page (the API would answer it as a 500
    /// otherwise) whose total and items agree. CsCheck draws a new seed each run and prints the one that fails.</summary>
    [Fact]
    public async Task Any_text_searched_gets_a_page()
    {
        await app.LoadLargeAsync();
        List<string> vocabulary;
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            vocabulary = [.. await conn.QueryAsync<string>("""
                (select term from read.search_terms order by documents desc limit 100)
                union all (select term from read.search_terms tablesample system (5) repeatable (3) limit 200)
                """)];
        var syntax = Gen.Char[" :*&|!()<->'\"\\-.,«»№/0123456789OОаәбгғқңөұүһіыэёAaQqSsZz"];
        var piece = Gen.Frequency(
            (4, Gen.OneOf(vocabulary.Select(Gen.Const).ToArray())),
            (2, syntax.Array[1, 4].Select(c => new string(c))),
            (1, Gen.String));
        var text = Gen.Frequency(
            (6, piece.Array[1, 5].Select(p => string.Join("", p))),
            (2, piece.Array[1, 4].Select(p => string.Join(" ", p))),
            (1, Gen.Char.Array[0, 30].Select(c => new string(c))));
        await Check.SampleAsync(text, async q =>
        {
            await using var conn = await app.DataSource.OpenConnectionAsync();
            var page = await PostgresSearchQuery.SearchAsync(conn, new SearchRequest(q), null, CancellationToken.None);
            Assert.InRange(page.Items.Count, 0, 20);
            Assert.True(page.Items.Count <= page.Total, $"{page.Items.Count} items of {page.Total}");
            Assert.Equal(page.Items.Count == 20 && page.Total > 20, page.NextCursor is not null);
        }, iter: 400, threads: 1);
    }

    static string Draw(Random random, List<string> names, List<string> broad)
    {
        var words = Words(names[random.Next(names.Count)]);
        if (words.Length == 0) return "";
        var at = random.Next(words.Length);
        string Adjacent(int n) => string.Join(' ', words.Skip(Math.Min(at, Math.Max(0, words.Length - n))).Take(n));
        return random.Next(8) switch
        {
            0 => Adjacent(2),
            1 => Adjacent(3),
            2 => Unfinished(random, Adjacent(1 + random.Next(2))),
            3 => Typo(random, Adjacent(2)),
            4 => string.Join(' ', Adjacent(2).Split(' ').Reverse()),
            5 => $"{broad[random.Next(broad.Count)]} {broad[random.Next(broad.Count)]}",
            6 => $"{broad[random.Next(broad.Count)]} {words.OrderByDescending(w => w.Length).First()}",
            _ => Unfinished(random, $"{broad[random.Next(broad.Count)]} {broad[random.Next(broad.Count)]}"),
        };
    }

    static string[] Words(string name) => [.. LetterWords().Matches(name).Select(m => m.Value).Where(w => w.Length >= 2)];

    static string Unfinished(Random random, string q)
    {
        var last = q.Split(' ')[^1];
        return last.Length <= 3 ? q : q[..^(last.Length - 2 - random.Next(last.Length - 2))];
    }

    static string Typo(Random random, string q)
    {
        var words = q.Split(' ');
        var i = random.Next(words.Length);
        if (words[i].Length >= 5) words[i] = words[i].Remove(1 + random.Next(words[i].Length - 2), 1);
        return string.Join(' ', words);
    }

    static async Task<List<string>> CheckAsync(Npgsql.NpgsqlConnection conn, SearchRequest request)
    {
        var problems = new List<string>();
        var page = await PostgresSearchQuery.SearchAsync(conn, request, null, CancellationToken.None);
        var plan = await PostgresSearchQuery.PlanAsync(conn, request, CancellationToken.None);
        // Words that read as a number or a BIN as well are left to the search suite: their matches are not the words'.
        if (plan.Tiers.Any(t => t.Tier is not (SearchTier.Phrase or SearchTier.AllWords))) return problems;
        var words = plan.Tiers.SingleOrDefault(t => t.Tier == SearchTier.AllWords);
        if (words is null)
        {
            if (page.Total != 0) problems.Add($"no reading of words, yet {page.Total} matches");
            return problems;
        }
        var parameters = new DynamicParameters(plan.Parameters);
        parameters.AddDynamicParams(new { capped = SearchPage.ExactTotalLimit + 1, fKind = request.Kind, fStatus = request.Status, fRegion = request.Region });
        var filtered = $"{words.Predicate} and (@fKind::text is null or d.kind = @fKind) and (@fStatus::text is null or d.status = @fStatus) and (@fRegion::text is null or d.region = @fRegion)";
        var statuses = (await conn.QueryAsync<(string Status, long N)>($"""
            select s.status, count(*) from (select d.status from read.search_rows d where {filtered} limit @capped) s group by s.status
            """, parameters)).ToList();
        var matches = statuses.Sum(s => s.N);
        if (matches <= SearchPage.ExactTotalLimit)
        {
            if ((page.Total, page.TotalRelation, page.Facets.Exact) != (matches, TotalRelation.Eq, true))
                problems.Add($"{matches} match; answered {page.Total} ({page.TotalRelation}, facets exact {page.Facets.Exact})");
            var expected = statuses.OrderBy(s => s.Status, StringComparer.Ordinal).Select(s => $"{s.Status} {s.N}");
            var facets = page.Facets.Status.OrderBy(f => f.Value, StringComparer.Ordinal).Select(f => $"{f.Value} {f.Count}");
            if (!expected.SequenceEqual(facets)) problems.Add($"status facets [{string.Join(", ", facets)}], counted [{string.Join(", ", expected)}]");
        }
        else if ((page.Total, page.TotalRelation) != (SearchPage.ExactTotalLimit, TotalRelation.Gte))
            problems.Add($"more than {SearchPage.ExactTotalLimit} match; answered {page.Total} ({page.TotalRelation})");
        if (page.Items.Count != Math.Min(matches, request.Limit)) problems.Add($"{page.Items.Count} items on the first page of {matches} matches");

        var next = page.NextCursor is null ? [] : (await PostgresSearchQuery.SearchAsync(conn, request with { Cursor = page.NextCursor }, null, CancellationToken.None)).Items;
        var hits = page.Items.Concat(next).ToList();
        if (hits.DistinctBy(h => h.Number).Count() != hits.Count) problems.Add("a document is on both pages, or twice on one");
        var ordered = request.Sort switch
        {
            SearchSort.IssuedNewest => hits.Select(h => -h.IssuedOn.DayNumber).Order().SequenceEqual(hits.Select(h => -h.IssuedOn.DayNumber)),
            SearchSort.IssuedOldest => hits.Select(h => h.IssuedOn.DayNumber).Order().SequenceEqual(hits.Select(h => h.IssuedOn.DayNumber)),
            SearchSort.Number => hits.Select(h => h.Number).Order(StringComparer.Ordinal).SequenceEqual(hits.Select(h => h.Number)),
            _ => hits.Select(Relevance).Order().SequenceEqual(hits.Select(Relevance)),
        };
        if (!ordered) problems.Add($"pages not in {request.Sort} order: {string.Join(", ", hits.Select(h => $"{h.Match} {h.Status} {h.IssuedOn} {h.Number}"))}");
        var numbers = hits.Select(h => h.Number).ToArray();
        parameters.Add("numbers", numbers);
        var matching = await conn.ExecuteScalarAsync<long>($"select count(*) from read.documents d where d.number = any(@numbers) and {filtered}", parameters);
        if (matching != numbers.Length) problems.Add($"{numbers.Length - matching} of the {numbers.Length} documents on the pages do not match");
        if (page.NextCursor is null && matches > request.Limit) problems.Add("no next page");
        return problems;
    }

    /// <summary>By relevance: the reading that found it, then valid before suspended, expired and revoked, newest first.</summary>
    static (int, long) Relevance(SearchHit h) => ((int)h.Match, SearchRanking.Order(Enum.Parse<DocumentStatus>(h.Status, ignoreCase: true), h.IssuedOn));

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex LetterWords();
}
