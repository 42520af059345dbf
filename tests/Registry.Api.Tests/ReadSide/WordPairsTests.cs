using Dapper;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>
/// The broad words a document holds together (migration 0390, <see cref="SearchPlan"/>'s pairs): the pairs the plan asks
/// for are held by exactly the documents that hold every word, in PostgreSQL, for any words of the list and any others.
/// </summary>
public sealed class WordPairsTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    /// <summary>A query word standing for the given whole words, each a paired word (as the vocabulary resolves it).</summary>
    static ResolvedTerm Paired(params string[] lexemes) =>
        new(lexemes.Length == 1 ? $"'{lexemes[0]}'" : $"({string.Join(" | ", lexemes.Select(l => $"'{l}'"))})", 20_000, lexemes, [], 0, 0, [], 20_000L * lexemes.Length, 0, Paired: lexemes);

    static SearchPlan Plan(params ResolvedTerm[] words) =>
        new(new SearchRequest("q"), SearchIntent.Of(string.Join(" ", words.Select((_, i) => $"w{i}"))), words);

    [Fact]
    public async Task A_document_holds_the_pairs_the_plan_asks_exactly_when_it_holds_every_word()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var listed = await conn.QuerySingleAsync<string[]>("select read.paired_words()");
        // Latin, digits and Cyrillic beside each other: the pairs' order must be PostgreSQL's "C" order.
        string[] unlisted = ["zeta", "2024", "ёлка", "тоо1"];
        var random = new Random(20261205);
        var mismatches = new List<string>();
        for (var round = 0; round < 300; round++)
        {
            var pool = listed.OrderBy(_ => random.Next()).Take(6).ToArray();
            var words = Enumerable.Range(0, random.Next(2, 4))
                .Select(i => Paired([.. pool.Skip(2 * i).Take(random.Next(1, 3))])).ToArray();
            var pairs = Plan(words).Parameters.Get<string>("wordPairs0");
            var all = string.Join(" & ", words.Select(w => w.TsQuery));
            var held = pool.Where(_ => random.Next(2) == 0).Concat(unlisted.Where(_ => random.Next(3) == 0)).ToArray();
            var (byPairs, byWords) = await conn.QuerySingleAsync<(bool, bool)>("""
                select read.word_pairs(v) @@ @pairs::tsquery, v @@ @all::tsquery from (select array_to_tsvector(@held::text[]) as v) d
                """, new { pairs, all, held });
            if (byPairs != byWords) mismatches.Add($"{string.Join(" ", held)} ~ {all}: pairs {byPairs} ({pairs}), words {byWords}");
        }
        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task The_pairs_are_of_listed_words_only_each_in_C_order()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(["газ+сервис", "газ+тоо", "сервис+тоо"], await conn.QuerySingleAsync<string[]>(
            "select tsvector_to_array(read.word_pairs(to_tsvector('simple', 'ТОО Сервис Газ Zeta 2024 Тынарманмурат')))"));
        Assert.Equal("", await conn.ExecuteScalarAsync<string>("select read.word_pairs(to_tsvector('simple', 'тоо zeta'))::text"));
        Assert.Equal("", await conn.ExecuteScalarAsync<string>("select read.word_pairs(''::tsvector)::text"));
    }

    /// <summary>A word with any alternative that is not a paired word, or two words that share one, leave the words to the
    /// full-text index: the pairs would miss documents, or a document holding the one shared word.</summary>
    [Fact]
    public void Words_that_are_not_all_paired_are_looked_up_as_words()
    {
        var rare = new ResolvedTerm("'тынарманмурат'", 3, ["тынарманмурат"], [], 0, 0, [], 3, 0);
        Assert.Null(Plan(Paired("тоо"), rare).Parameters.ParameterNames.FirstOrDefault(n => n.StartsWith("wordPairs", StringComparison.Ordinal)));
        Assert.Null(Plan(Paired("тоо", "газ"), Paired("газ")).Parameters.ParameterNames.FirstOrDefault(n => n == "wordPairs0"));
        Assert.Equal("'газ+тоо'", Plan(Paired("тоо"), Paired("газ")).Parameters.Get<string>("wordPairs0"));
    }

    /// <summary>A word in far more documents than the others (`тоо`) is left out of the full-text query of the others'
    /// unpaired alternatives and tested on the rows both indexes find: the matches are those of every word.</summary>
    [Fact]
    public async Task A_common_word_is_tested_on_the_rows_not_asked_of_the_full_text_index()
    {
        var common = Paired("тоо") with { LexemeDocuments = 790_000 };
        var place = Paired("караганди") with { LexemeDocuments = 27_000 };
        var gas = new ResolvedTerm("('газ' | 'газорегулиаторнии')", 20_000, ["газ", "газорегулиаторнии"], [], 0, 0, [], 350_000, 0, Paired: ["газ"]);
        var plan = Plan(common, place, gas);
        Assert.Equal("'караганди' & 'газорегулиаторнии'", plan.Parameters.Get<string>("wordPairsWords0"));
        Assert.Equal("'тоо'", plan.Parameters.Get<string>("wordPairsCommon"));

        string[][] documents = [["тоо", "караганди", "газорегулиаторнии"], ["караганди", "газорегулиаторнии"], ["тоо", "караганди", "газ"], ["караганди", "газ"], ["тоо", "газорегулиаторнии"]];
        Assert.Equal([true, false, true, false, false], await Found(plan, documents));
    }

    /// <summary>The same when another word is too common for that as a whole (`астана`, 85,000 documents, a seventh of
    /// `тоо`'s) but the full-text query asks only `газ`'s rare alternatives: `тоо` holds sixty times their documents.
    /// Not when those alternatives are common too.</summary>
    [Fact]
    public async Task A_common_word_is_left_to_the_rows_when_the_full_text_query_asks_rare_alternatives()
    {
        var common = Paired("тоо") with { LexemeDocuments = 610_000 };
        var place = Paired("астана") with { LexemeDocuments = 85_000 };
        var gas = new ResolvedTerm("('газ' | 'газорегулиаторнии')", 20_000, ["газ", "газорегулиаторнии"], [], 0, 0, [], 160_000, 0, Paired: ["газ"],
            PairedLexemeDocuments: 150_000);
        var plan = Plan(common, place, gas);
        Assert.Equal("'астана' & 'газорегулиаторнии'", plan.Parameters.Get<string>("wordPairsWords0"));
        Assert.Equal("'тоо'", plan.Parameters.Get<string>("wordPairsCommon"));
        string[][] documents = [["тоо", "астана", "газорегулиаторнии"], ["астана", "газорегулиаторнии"], ["тоо", "астана", "газ"], ["астана", "газ"]];
        Assert.Equal([true, false, true, false], await Found(plan, documents));

        var commonAlternatives = Plan(common, place, gas with { PairedLexemeDocuments = 40_000 });
        Assert.Equal("'тоо' & 'астана' & 'газорегулиаторнии'", commonAlternatives.Parameters.Get<string>("wordPairsWords0"));
        Assert.DoesNotContain("wordPairsCommon", commonAlternatives.Parameters.ParameterNames);
    }

    /// <summary>Whether each document, holding the given words, meets the plan's condition on the words, in PostgreSQL.</summary>
    async Task<List<bool>> Found(SearchPlan plan, string[][] documents)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var condition = plan.Tiers.Single(t => t.Tier == SearchTier.AllWords).IndexCondition;
        var found = new List<bool>();
        foreach (var held in documents)
        {
            var parameters = new DynamicParameters(plan.Parameters);
            parameters.Add("held", held);
            found.Add(await conn.QuerySingleAsync<bool>($"select {condition} from (select array_to_tsvector(@held::text[]) as search) d", parameters));
        }
        return found;
    }

    /// <summary>The rarest word is paired with each other one: the index reads every posting of each pair it is asked,
    /// and no pair of a word is held by more documents than the word.</summary>
    [Fact]
    public void The_rarest_word_is_paired_with_each_other()
    {
        var common = Paired("тоо") with { LexemeDocuments = 790_000 };
        var broad = Paired("газ") with { LexemeDocuments = 350_000 };
        var place = Paired("караганди", "караганда") with { LexemeDocuments = 27_000 };
        Assert.Equal("('караганди+тоо' | 'караганда+тоо') & ('газ+караганди' | 'газ+караганда')",
            Plan(common, broad, place).Parameters.Get<string>("wordPairs0"));
    }
}
