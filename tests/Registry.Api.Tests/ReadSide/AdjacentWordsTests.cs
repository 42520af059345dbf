using Dapper;
using Registry.Projections.Postgres;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>
/// The words side by side a phrase's matches must hold (migration 0350, <see cref="SearchPlan.AdjacentWords"/>): read from
/// the vocabulary's tsqueries, and, in PostgreSQL, never missing a document the phrase matches.
/// </summary>
public sealed class AdjacentWordsTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    static ResolvedTerm Term(string[] lexemes, params string[] others) =>
        new("unused", 0, lexemes, others, 0, 0, [], 0, 0);

    static string? AdjacentWords(params ResolvedTerm[] words) =>
        new SearchPlan(new SearchRequest("q"), SearchIntent.Of(string.Join(" ", words.Select((_, i) => $"w{i}"))), words).AdjacentWords();

    [Theory]
    [InlineData("'тоо'", true, "тоо", false)]
    [InlineData("'кен':*", false, "кен", true)]
    [InlineData("'нур' <-> 'султан'", true, "султан", false)]
    [InlineData("'нур' <-> 'султан'", false, "нур", false)]
    [InlineData("('лифт' | 'лифтм':*)", false, "лифт лифтм", false)]
    [InlineData("'алма' <-> ('ата' | 'аты')", true, "ата аты", false)]
    [InlineData("'o''neil'", true, "o'neil", false)]
    public void An_edge_is_the_word_or_the_choice_of_words_at_that_end(string query, bool last, string lexemes, bool prefix)
    {
        var edge = TsQueryEdge.Of(query, last);
        Assert.NotNull(edge);
        Assert.Equal(lexemes.Split(' '), edge.Select(e => e.Lexeme));
        Assert.Equal(prefix, edge[0].Prefix);
    }

    [Theory]
    [InlineData("'a' | 'b'")]
    [InlineData("'a' & 'b'")]
    [InlineData("('a' <-> 'b')")]
    [InlineData("!'a'")]
    [InlineData("'a':A")]
    [InlineData("'a' <2> 'b'")]
    [InlineData("'unclosed")]
    [InlineData("(('a' | 'b'))")]
    public void Any_other_shape_has_no_edge(string query) => Assert.Null(TsQueryEdge.Of(query, last: true));

    [Fact]
    public void Two_words_are_looked_up_as_each_last_word_before_each_first_word_after() =>
        Assert.Equal("'астана лифт' | 'астана лифтм':* | 'султан лифт' | 'султан лифтм':*",
            AdjacentWords(Term(["астана"], "'нур' <-> 'султан'"), Term(["лифт"], "'лифтм':*")));

    [Fact]
    public void A_prefix_before_another_word_cannot_be_looked_up() =>
        Assert.Null(AdjacentWords(Term([], "'кен':*"), Term(["сервис"])));

    [Fact]
    public void Of_three_words_the_neighbours_with_the_fewest_pairs_are_taken() =>
        Assert.Equal("'мунаи курилис'", AdjacentWords(Term(["тоо", "жшс"]), Term(["мунаи"]), Term(["курилис"])));

    [Fact]
    public void Too_many_pairs_are_not_looked_up() =>
        Assert.Null(AdjacentWords(Term([.. Enumerable.Range(0, 17).Select(i => $"a{i}")]), Term([.. Enumerable.Range(0, 16).Select(i => $"b{i}")])));

    /// <summary>read.adjacent_words leaves out pairs of 2,000 bytes or more, so a phrase that could only be found by one is
    /// not looked up by its pairs (its matches would be missed); such words stay searchable by ranking.</summary>
    [Fact]
    public void A_pair_the_index_leaves_out_is_not_looked_up()
    {
        Assert.Null(AdjacentWords(Term([new string('a', 1000)]), Term([new string('б', 500)])));
        Assert.NotNull(AdjacentWords(Term([new string('a', 999)]), Term([new string('б', 500)])));
    }

    [Fact]
    public void One_word_has_no_neighbours() => Assert.Null(AdjacentWords(Term(["тоо"])));

    /// <summary>Texts of a few repeated words, and every two-word phrase of them, whole or the second word unfinished: a
    /// document matches the phrase exactly when its words side by side match the pair looked up.</summary>
    [Fact]
    public async Task A_document_matches_a_phrase_exactly_when_its_words_side_by_side_hold_the_pair()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        string[] vocabulary = ["тоо", "алма", "ата", "газ", "газовии", "сервис"];
        var random = new Random(350);
        var mismatches = new List<string>();
        for (var n = 0; n < 200; n++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(0, 7)).Select(_ => vocabulary[random.Next(vocabulary.Length)]));
            var (a, b) = (vocabulary[random.Next(vocabulary.Length)], vocabulary[random.Next(vocabulary.Length)]);
            var prefix = random.Next(2) == 0;
            var cut = prefix ? b[..Math.Max(1, b.Length - 2)] : b;
            var words = AdjacentWords(Term([a]), prefix ? Term([], $"'{cut}':*") : Term([b]))!;
            var (phrase, pair) = await conn.QuerySingleAsync<(bool, bool)>("""
                select to_tsvector('simple', @text) @@ to_tsquery('simple', @phrase),
                       read.adjacent_words(to_tsvector('simple', @text)) @@ @words::tsquery
                """, new { text, phrase = $"'{a}' <-> '{cut}'{(prefix ? ":*" : "")}", words });
            if (phrase != pair) mismatches.Add($"'{text}' ~ {a} {cut}{(prefix ? "*" : "")}: phrase {phrase}, pair {pair}");
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Words_without_neighbours_or_too_long_to_pair_give_no_pairs()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal("", await conn.ExecuteScalarAsync<string>("select read.adjacent_words(to_tsvector('simple', 'тоо'))::text"));
        Assert.Equal("", await conn.ExecuteScalarAsync<string>("select read.adjacent_words(''::tsvector)::text"));
        Assert.Equal("", await conn.ExecuteScalarAsync<string>("select read.adjacent_words(array_to_tsvector(array['a', 'b']))::text"));
        Assert.Equal(["b c", $"{new string('z', 1500)} b"], await conn.QuerySingleAsync<string[]>(
            "select tsvector_to_array(read.adjacent_words(to_tsvector('simple', repeat('a', 1500) || ' ' || repeat('z', 1500) || ' b c')))"));
    }
}
