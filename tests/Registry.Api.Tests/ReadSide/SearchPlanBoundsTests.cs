using Registry.Projections.Postgres;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>How many documents a query of several broad words matches, bounded from the words' pair counts
/// (<see cref="SearchPlan.Bounds"/>): what decides, without reading the matches, that a query is broad or may be counted.</summary>
public sealed class SearchPlanBoundsTests
{
    static ResolvedTerm Word(string[] lexemes, string[]? others = null, long othersAtMost = 0, string[]? within = null) =>
        new("unused", 0, lexemes, others ?? [], othersAtMost, 0, within ?? [], 0, 0);

    static (long AtLeast, long AtMost) Bounds(ResolvedTerm[] words, Dictionary<string, (long, bool)> terms, Dictionary<(string, string), long> pairs) =>
        new SearchPlan(new SearchRequest("q"), SearchIntent.Of(string.Join(" ", words.Select((_, i) => $"w{i}"))), words).Bounds(terms, pairs);

    static readonly Dictionary<string, (long, bool)> Terms = new()
    {
        ["тоо"] = (600_000, true), ["жшс"] = (160_000, true), ["астана"] = (85_000, true), ["акмола"] = (30_000, true),
        ["тоорак"] = (40, false), ["сервис"] = (150_000, true),
    };

    static readonly Dictionary<(string, string), long> Pairs = new()
    {
        [("астана", "жшс")] = 15_000, [("акмола", "жшс")] = 6_000, [("сервис", "тоо")] = 90_000, [("астана", "тоо")] = 9_000,
        [("астана", "сервис")] = 12_000,
    };

    [Fact]
    public void Two_words_of_one_counted_word_each_are_bounded_by_their_pair_count_both_ways() =>
        Assert.Equal((15_000L, 15_000L), Bounds([Word(["жшс"]), Word(["астана"])], Terms, Pairs));

    [Fact]
    public void Pairs_never_counted_together_bound_the_matches_at_none() =>
        Assert.Equal((0L, 0L), Bounds([Word(["сервис"]), Word(["акмола"])], Terms, Pairs));

    [Fact]
    public void Alternatives_add_up_to_the_most_and_the_largest_pair_is_the_least() =>
        Assert.Equal((15_000L, 21_000L), Bounds([Word(["жшс"]), Word(["астана", "акмола"])], Terms, Pairs));

    [Fact]
    public void An_alternative_whose_pairs_are_not_counted_adds_all_its_documents_to_the_most() =>
        Assert.Equal((90_000L, 90_040L), Bounds([Word(["сервис"]), Word(["тоо", "тоорак"])], Terms, Pairs));

    [Fact]
    public void A_phrase_alternative_adds_its_bound_and_an_unbounded_one_leaves_no_most()
    {
        Assert.Equal((15_000L, 15_700L), Bounds([Word(["жшс"]), Word(["астана"], ["'нур' <-> 'султан'"], 700)], Terms, Pairs));
        Assert.Equal((15_000L, long.MaxValue), Bounds([Word(["жшс"]), Word(["астана"], ["'нур' <-> 'султан'"], long.MaxValue)], Terms, Pairs));
    }

    [Fact]
    public void A_word_within_an_unbounded_prefix_still_proves_the_least() =>
        Assert.Equal((15_000L, long.MaxValue), Bounds([Word(["жшс"]), Word([], ["'астана':*"], long.MaxValue, ["астана"])], Terms, Pairs));

    /// <summary>An unfinished word read as a prefix that is not itself a word (`кутка`: 55 completions at 1M, `куткару` in
    /// 55,683 documents) has nothing counted of its own, so its pairs once bounded `ТОО Құтка` at none from below and it was
    /// counted match by match (10,001 read, then walked: 75 ms). Its largest counted pair with a completion is a lower bound:
    /// every document holding `тоо` and `куткару` matches `тоо & кутка:*`.</summary>
    [Fact]
    public void An_unfinished_word_s_largest_pair_with_a_completion_is_the_least()
    {
        var unfinished = Word([], ["'кутка':*"], 56_000) with { Prefix = "кутка" };
        var pairs = new Dictionary<(string, string), long>(Pairs) { [("тоо", "кутка:*")] = 36_000 };
        Assert.Equal((36_000L, 56_000L), Bounds([Word(["тоо"]), unfinished], Terms, pairs));
        Assert.Equal((36_000L, 56_000L), Bounds([unfinished, Word(["тоо"])], Terms, pairs));
        Assert.Equal((0L, 56_000L), Bounds([Word(["тоо"]), unfinished], Terms, Pairs));
    }

    /// <summary>An unfinished word of many completions (`астана` begins 331 words at 1M) is bounded by what its completions
    /// hold together (89,000); less the word itself, counted in its pairs, 4,000 documents are left uncounted.</summary>
    [Fact]
    public void A_word_within_a_bounded_prefix_is_counted_in_its_pairs_and_the_rest_of_the_prefix_uncounted() =>
        Assert.Equal((15_000L, 19_000L), Bounds([Word(["жшс"]), Word([], ["'астана':*"], 89_000, ["астана"])], Terms, Pairs));

    [Fact]
    public void One_word_standing_for_both_counts_its_own_documents() =>
        Assert.Equal((160_000L, 160_000L), Bounds([Word(["жшс"]), Word(["жшс"])], Terms, Pairs));

    [Fact]
    public void Three_words_have_the_smallest_pair_bound_as_their_most_and_no_least() =>
        Assert.Equal((0L, 9_000L), Bounds([Word(["тоо"]), Word(["сервис"]), Word(["астана"])], Terms, Pairs));

    /// <summary>What the pairs alone count, without the uncounted alternatives that leave the most unbounded.</summary>
    [Fact]
    public void The_pair_sum_leaves_out_what_is_uncounted_and_takes_the_smallest_pair_of_words()
    {
        static long PairSum(ResolvedTerm[] words) =>
            new SearchPlan(new SearchRequest("q"), SearchIntent.Of(string.Join(" ", words.Select((_, i) => $"w{i}"))), words).PairSum(Terms, Pairs);
        Assert.Equal(15_000L, PairSum([Word(["жшс"]), Word(["астана"], ["'нур' <-> 'султан'"], long.MaxValue)]));
        Assert.Equal(21_000L, PairSum([Word(["жшс"]), Word(["астана", "акмола"])]));
        Assert.Equal(90_000L, PairSum([Word(["сервис"]), Word(["тоо", "тоорак"])]));
        Assert.Equal(9_000L, PairSum([Word(["тоо"]), Word(["сервис"]), Word(["астана"])]));
        Assert.Equal(160_000L, PairSum([Word(["жшс"]), Word(["жшс"])]));
    }

    /// <summary>A page of 20 walked in order reads about 21 × documents / matches index entries; an entry costs a quarter
    /// of a match counted or less, so 3,688 matches of 1M (5,700 entries) are walked and 2,000 (10,500 entries) counted.</summary>
    [Theory]
    [InlineData(3_688, true)]
    [InlineData(2_000, false)]
    [InlineData(100_000, true)]
    [InlineData(0, false)]
    public void The_page_is_walked_when_the_entries_it_reads_cost_less_than_counting_the_matches(long matches, bool walked) =>
        Assert.Equal(walked, new SearchPlan(new SearchRequest("q"), SearchIntent.Of("q"), [Word(["q"])]).WalkIsCheaper(matches, 1_000_000));

    /// <summary>A broad word among alternatives is asked apart from them: each such word doubles the full-text queries,
    /// so three words make eight and a fourth none (one query, as before).</summary>
    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(4, 0)]
    public void Broad_words_among_alternatives_are_asked_apart_up_to_three_of_them(int words, int queries)
    {
        var broad = Enumerable.Range(0, words).Select(i => new ResolvedTerm($"('w{i}' | 'v{i}')", 20_000, [$"w{i}", $"v{i}"], [], 0, 0, [], 30_000, 0)).ToArray();
        var plan = new SearchPlan(new SearchRequest("q"), SearchIntent.Of(string.Join(" ", broad.Select((_, i) => $"w{i}"))), broad);
        var indexed = plan.Tiers.Single(t => t.Tier == SearchTier.AllWords).Indexed;
        Assert.Equal(queries, indexed is null ? 0 : System.Text.RegularExpressions.Regex.Matches(indexed, "@@").Count);
    }

    /// <summary>Of three words or more, one in ten times more documents than the rarest other (a legal form) is left out
    /// of what the full-text index is asked, and tested on the documents the others share; of two words it stays.</summary>
    [Theory]
    [InlineData(new long[] { 600_000, 9_000, 2_000 }, "'w1' & 'w2'")]
    [InlineData(new long[] { 2_000, 600_000, 9_000 }, "'w0' & 'w2'")]
    [InlineData(new long[] { 600_000, 90_000, 70_000 }, null)]
    [InlineData(new long[] { 600_000, 2_000 }, null)]
    public void A_word_of_very_many_documents_beside_rarer_ones_is_tested_on_their_documents(long[] documents, string? asked)
    {
        var words = documents.Select((n, i) => new ResolvedTerm($"'w{i}'", n, [$"w{i}"], [], 0, 0, [], n, 0)).ToArray();
        var plan = new SearchPlan(new SearchRequest("q"), SearchIntent.Of(string.Join(" ", words.Select((_, i) => $"w{i}"))), words);
        var indexed = plan.Tiers.Single(t => t.Tier == SearchTier.AllWords).Indexed;
        Assert.Equal(asked, indexed is null ? null : plan.Parameters.Get<string>("indexedWords"));
    }

    [Fact]
    public void One_word_typed_three_times_is_asked_of_the_index_as_it_is()
    {
        var word = new ResolvedTerm("'тоо'", 600_000, ["тоо"], [], 0, 0, [], 600_000, 0);
        var plan = new SearchPlan(new SearchRequest("q"), SearchIntent.Of("тоо тоо тоо"), [word, word, word]);
        Assert.Null(plan.Tiers.Single(t => t.Tier == SearchTier.AllWords).Indexed);
    }

    /// <summary>A place of one-word and two-word names beside another word: each length is a phrase of its own (PostgreSQL
    /// reads the alternatives of both lengths in one phrase as also matching the two-word name elsewhere); words of
    /// one length each are joined as they are.</summary>
    [Fact]
    public void Alternatives_of_one_word_and_of_two_are_phrased_apart()
    {
        var astana = new ResolvedTerm("('астана' | 'акмола' | 'нур' <-> 'султан')", 80_000, ["астана", "акмола"], ["'нур' <-> 'султан'"], 0, 0, [], 100_000, 0);
        var extinguisher = new ResolvedTerm("('огнетушитель' | 'огнетушители')", 5_000, ["огнетушитель", "огнетушители"], [], 0, 0, [], 5_000, 0);
        Assert.Equal("(('астана' | 'акмола') <-> ('огнетушитель' | 'огнетушители')) | ('нур' <-> 'султан' <-> ('огнетушитель' | 'огнетушители'))",
            new SearchPlan(new SearchRequest("q"), SearchIntent.Of("a b"), [astana, extinguisher]).Parameters.Get<string>("phrase"));
        Assert.Equal("('огнетушитель' | 'огнетушители') <-> ('огнетушитель' | 'огнетушители')",
            new SearchPlan(new SearchRequest("q"), SearchIntent.Of("a b"), [extinguisher, extinguisher]).Parameters.Get<string>("phrase"));
    }

    /// <summary>An unfinished word's completions are phrased as its prefix, which a row is tested against with one search
    /// of its words instead of one per completion; a place's other names stay as they are.</summary>
    [Fact]
    public void An_unfinished_word_is_phrased_as_its_prefix()
    {
        var stroi = new ResolvedTerm("'строи'", 50_000, ["строи"], [], 0, 0, [], 50_000, 0);
        var prom = new ResolvedTerm("('промишленнои' | 'пром' | 'промзона')", 55_000, ["промишленнои", "пром", "промзона"], [], 0, 0, [], 70_000, 0, Prefix: "пром");
        Assert.Equal("'строи' <-> 'пром':*", new SearchPlan(new SearchRequest("q"), SearchIntent.Of("a b"), [stroi, prom]).Parameters.Get<string>("phrase"));
        var astan = new ResolvedTerm("('астана' | 'астанаи' | 'акмола' | 'нур' <-> 'султан')", 80_000, ["астана", "астанаи", "акмола"], ["'нур' <-> 'султан'"], 0, 0, [],
            100_000, 0, Prefix: "астан");
        Assert.Equal("('строи' <-> ('астан':* | 'акмола')) | ('строи' <-> 'нур' <-> 'султан')",
            new SearchPlan(new SearchRequest("q"), SearchIntent.Of("a b"), [stroi, astan]).Parameters.Get<string>("phrase"));
    }

    [Fact]
    public void A_word_missing_from_the_vocabulary_counts_nothing() =>
        Assert.Equal((0L, 0L), Bounds([Word(["жшс"]), Word(["кентау"])], Terms, Pairs));

    /// <summary>Words in no document, sorted by date or number: no reading at all, not one merged reading of nothing
    /// (its predicate was "()", invalid SQL wherever the tiers are read).</summary>
    [Theory]
    [InlineData(SearchSort.IssuedNewest)]
    [InlineData(SearchSort.IssuedOldest)]
    [InlineData(SearchSort.Number)]
    public void A_sorted_query_whose_words_are_in_no_document_has_no_reading(SearchSort sort)
    {
        var plan = new SearchPlan(new SearchRequest("q", Sort: sort), SearchIntent.Of("q"), []);
        Assert.True(plan.MatchesNothing);
        Assert.Empty(plan.Tiers);
    }

    /// <summary>Two broad words totalled from their pairs' facets (<see cref="SearchPlan.PairTotals"/>) when an alternative
    /// of one is held by every document of another (`газбен` within `газоснабжение`: one code's Kazakh and Russian names):
    /// the other counts those documents, so the contained one is neither paired nor read as holding two alternatives —
    /// they would have been all 27,754 of its documents, more than the correction reads, and the query counted match by
    /// match. Of two alternatives that hold each other, the first in order stays.</summary>
    [Theory]
    [InlineData(27_754, "газбен")]
    [InlineData(29_340, "газоснабжение")]
    public void An_alternative_every_document_of_which_holds_another_is_left_to_the_other(long gazbenDocuments, string leftOut)
    {
        var terms = new Dictionary<string, (long, bool)>
        {
            ["курилис"] = (78_000, true), ["газ"] = (47_625, true), ["газоснабжение"] = (29_340, true), ["газбен"] = (gazbenDocuments, true),
        };
        var pairs = new Dictionary<(string, string), long>
        {
            [("газбен", "газоснабжение")] = gazbenDocuments, [("газ", "газбен")] = 604, [("газ", "газоснабжение")] = 695,
            [("газ", "курилис")] = 3_000, [("газбен", "курилис")] = 2_000, [("газоснабжение", "курилис")] = 2_100,
        };
        var words = new[] { Word(["курилис"]), Word(["газ", "газоснабжение", "газбен"]) };
        var plan = new SearchPlan(new SearchRequest("q"), SearchIntent.Of("w0 w1"), words);
        Assert.NotNull(plan.PairTotals(terms, pairs));
        var paired = plan.Parameters.Get<string[]>("pairsA").Concat(plan.Parameters.Get<string[]>("pairsB")).Concat(plan.Parameters.Get<string[]>("pairedB"));
        Assert.DoesNotContain(leftOut, paired);
        Assert.Equal(new[] { "газ", "газбен", "газоснабжение" }.Where(w => w != leftOut), plan.Parameters.Get<string[]>("pairedB").Order(StringComparer.Ordinal));
        var residualScans = plan.Parameters.ParameterNames.Where(n => n.StartsWith("pairResidual", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(residualScans);
        Assert.All(residualScans, n => Assert.DoesNotContain(leftOut, plan.Parameters.Get<string>(n), StringComparison.Ordinal));
    }

    /// <summary>The sample of two broad words whose pairs cannot tell (<see cref="SearchPlan.SampleProvesBroad"/>: 2 % of
    /// the pages, each taken with the same chance) proves them broad only when its estimate, less four standard errors,
    /// is above 10,000. The rows are stored in name order, so a query's matches can crowd into a few pages: 401 matches on
    /// 401 pages and 401 on 20 pages both estimate 20,050, but only the first is sure.</summary>
    [Theory]
    [InlineData(401, 401, true)]
    [InlineData(401, 19 * 20 * 20 + 21 * 21, false)]
    // Twice the limit is still required: 15,000 estimated with a standard error of 860.
    [InlineData(300, 300, false)]
    // 50,000 estimated: a standard error up to 10,000 (a sum of squares up to 40,816) leaves more than 10,000.
    [InlineData(1_000, 40_000, true)]
    [InlineData(1_000, 42_000, false)]
    public void A_sample_proves_a_query_broad_when_its_estimate_clears_10_000_by_four_standard_errors(long matches, long squares, bool broad)
    {
        var plan = new SearchPlan(new SearchRequest("q"), SearchIntent.Of("w0 w1"), [Word(["жшс"]), Word(["астана"])]);
        Assert.Equal(broad, plan.SampleProvesBroad(matches, squares));
    }

    /// <summary>Of three words, the one in ten times more documents than the rarest other (`ТОО`) is tested on the rows
    /// the other two find rather than looked up in the index, unless their pair count shows those rows are more than
    /// twice the 10,001 a count reads: then the index looks up every word (`котел газовии тоо` at 1M: 28 ms counted
    /// with `тоо` tested on 21,325 rows, 14 with it in the index).</summary>
    [Theory]
    [InlineData(792, true)]
    [InlineData(20_002, true)]
    [InlineData(20_003, false)]
    public void A_common_word_is_left_to_the_rows_unless_the_other_two_share_more_documents_than_a_count_reads(long shared, bool leftToRows)
    {
        static ResolvedTerm Counted(string word, long documents) => new($"'{word}'", documents, [word], [], 0, 0, [], documents, 0);
        var terms = new Dictionary<string, (long, bool)> { ["тоо"] = (600_000, true), ["атирау"] = (30_000, true), ["мунаи"] = (40_000, true) };
        var plan = new SearchPlan(new SearchRequest("q"), SearchIntent.Of("w0 w1 w2"), [Counted("тоо", 600_000), Counted("атирау", 30_000), Counted("мунаи", 40_000)]);
        string? Indexed() => plan.Tiers.Single(t => t.Tier == SearchTier.AllWords).Indexed;
        Assert.Contains("@indexedWords", Indexed());
        Assert.Equal("'атирау' & 'мунаи'", plan.Parameters.Get<string>("indexedWords"));
        plan.IndexTheCommonWordWhenTheOthersShareMany(terms, new Dictionary<(string, string), long> { [("атирау", "мунаи")] = shared, [("атирау", "тоо")] = 20_000 });
        if (leftToRows) Assert.Contains("@indexedWords", Indexed());
        else Assert.Null(Indexed());
    }

    /// <summary>The first page of a word none of whose completions is broad is walked for two entries per match a sample
    /// estimates, as per match known: `5` at 1M begins digit words of 53,000 documents, the largest of 2,000, and its 21st
    /// match is 38,883 entries in; stopped at 10,000, all its matches were ranked (57 ms, walked 8).</summary>
    [Theory]
    [InlineData(0, SearchPlan.HeadWalk)]
    [InlineData(4_000, SearchPlan.HeadWalk)]
    [InlineData(53_000, 106_000)]
    public void A_walk_goes_on_for_two_entries_per_match_a_sample_estimates(long estimated, long walkBound)
    {
        var plan = new SearchPlan(new SearchRequest("5"), SearchIntent.Of("5"), [new ResolvedTerm("'5':*", 2_000, ["5"], ["'5':*"], 53_000, 0, [], 2_000, 0)]);
        Assert.Contains("@walkBound", plan.Broad(sampleFacets: false, estimated), StringComparison.Ordinal);
        Assert.Equal(walkBound, plan.Parameters.Get<long>("walkBound"));
    }

    /// <summary>A word counted past 10,000 matches is walked for what its alternatives hold together (`70` at 1M: 21,406
    /// documents, its 21st match 39,118 entries in, so a walk of two entries per proven match, 20,002, fell short and
    /// ranked them all: 40 ms, walked 27 with the facet sample), up to where a sample estimates the matches instead.</summary>
    [Theory]
    [InlineData(21_406, 21_406)]
    [InlineData(53_000, 2 * SearchPlan.BroadEstimate)]
    public void A_word_counted_past_the_cap_expects_what_its_alternatives_hold_together(long together, long expected)
    {
        var plan = new SearchPlan(new SearchRequest("70"), SearchIntent.Of("70"), [new ResolvedTerm("'70':*", 2_000, [], ["'70':*"], together, 0, [], 0, 0)]);
        Assert.Equal(expected, plan.WordMatchesAtMost);
    }

    /// <summary>An unfinished word is tested on a row as its prefix, one look into the row's words instead of one per
    /// completion, and asked of the full-text index as its listed completions, which the index reads as they are needed: a
    /// walk tests every entry it passes (at 1M, `мама` past 39,000 entries without it: 47 ms as the list, 22 as the prefix).</summary>
    [Fact]
    public void An_unfinished_word_is_tested_on_rows_as_its_prefix_and_looked_up_as_its_completions()
    {
        var word = new ResolvedTerm("( 'мамандарди' | 'мама' | 'мамар' )", 6_000, ["мамандарди", "мама", "мамар"], [], 0, 0, [], 6_040, 0, Prefix: "мама");
        var plan = new SearchPlan(new SearchRequest("мама"), SearchIntent.Of("мама"), [word]);
        var words = plan.Tiers.Single(t => t.Tier == SearchTier.AllWords);
        Assert.Equal("d.search @@ to_tsquery('simple', @words)", words.Predicate);
        Assert.Equal("'мама':*", plan.Parameters.Get<string>("words"));
        Assert.Equal("d.search @@ to_tsquery('simple', @wordsListed)", words.IndexCondition);
        Assert.Equal(word.TsQuery, plan.Parameters.Get<string>("wordsListed"));
    }

    /// <summary>A common word left to the rows (`ТОО`), the other words are asked of the full-text index with a broad word
    /// among their alternatives apart, as they are without it (`ТОО Алматы Пром` at 1M: `промишленнои`, in 55,000
    /// documents, among `пром`'s completions made the index read all its postings, 22 ms; apart, 10).</summary>
    [Fact]
    public void Words_beside_a_common_word_left_to_the_rows_are_asked_with_their_broad_alternatives_apart()
    {
        var too = new ResolvedTerm("'тоо'", 600_000, ["тоо"], [], 0, 0, [], 600_000, 0);
        var almaty = new ResolvedTerm("( 'алмати' | 'алма' <-> 'ата' )", 30_000, ["алмати"], ["'алма' <-> 'ата'"], 2_000, 0, [], 30_000, 0);
        var prom = new ResolvedTerm("( 'промишленнои' | 'пром' )", 300_000, ["промишленнои", "пром"], [], 0, 0, [], 305_000, 0, Prefix: "пром");
        var plan = new SearchPlan(new SearchRequest("q"), SearchIntent.Of("тоо алмати пром"), [too, almaty, prom]);
        var indexed = plan.Tiers.Single(t => t.Tier == SearchTier.AllWords).IndexCondition;
        Assert.Equal(["'алмати' & 'промишленнои'", "'алмати' & 'пром'", "'алма' <-> 'ата' & 'промишленнои'", "'алма' <-> 'ата' & 'пром'"],
            Enumerable.Range(0, 4).Select(i => plan.Parameters.Get<string>($"indexedWords{i}")));
        Assert.Contains("@indexedWords3", indexed, StringComparison.Ordinal);
        Assert.EndsWith("and (d.search @@ to_tsquery('simple', @words)) is true", indexed, StringComparison.Ordinal);
    }
}
