using Dapper;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Search;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>One reading of the query: which documents it matches (a SQL predicate over read.documents d), the native
/// order within it, and that order as cursor text.</summary>
public sealed record PlannedTier(SearchTier Tier, string Predicate, string OrderBy, string SortKey, string After, string? Indexed = null)
{
    /// <summary>The predicate as the full-text index should be asked it when the index finds the matches (the walks test
    /// <see cref="Predicate"/> entry by entry instead).</summary>
    public string IndexCondition => Indexed ?? Predicate;

    /// <summary>The tier as the SQL literal a row carries.</summary>
    public string Number => ((int)Tier).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The SQL the PostgreSQL backend sends for one search, built from the query's readings (<see cref="SearchIntent"/>)
/// and its resolved words (<see cref="SearchVocabulary"/>). Two shapes, chosen by how many documents match:
/// <list type="bullet">
/// <item><see cref="Counted"/>: at most 10,001 matches are read (the full-text and number indexes find them), counted,
/// faceted and ranked — exact totals and facets for every query up to 10,000 matches.</item>
/// <item><see cref="Broad"/>: for more matches, each tier walks an index in its own order and stops at the page: names
/// walk read_documents_search_order (valid before suspended, expired, revoked; newest first), which carries the
/// tsvector, so a word in 10 % of the documents costs a page of index entries, not a ranking of 100,000 rows. Facets
/// then come from a fixed sample of the registry, marked approximate; the total is "more than 10,000".</item>
/// </list>
/// Public so a test can EXPLAIN exactly these statements.
/// </summary>
public sealed class SearchPlan
{
    /// <summary>In a broad query of several words, phrase matches rank first among the best this many matches (Elasticsearch
    /// calls this a rescore window); with 10,000 matches or fewer every phrase match ranks first.</summary>
    public const int PhraseWindow = 200;

    const string Boundary = "(select b.search_order, b.document_id from boundary b)";

    readonly List<string> filters = [];
    readonly List<string> termFacetFilters = [];
    bool filtersBeyondFacets;
    bool filtersStatus;
    string? kindNumbers;
    readonly bool wordsOnly;
    readonly ResolvedTerm? singleWord;
    readonly IReadOnlyList<ResolvedTerm> words = [];

    /// <summary>How the full-text index looks up all the words (null: as the rows are tested against them), and which word,
    /// if any, it leaves to be tested on the rows it finds (<see cref="CommonWordToTest"/>). The index is asked each word's
    /// listed alternatives (<see cref="ResolvedTerm.TsQuery"/>), or several such queries (<see cref="BroadWordsApart"/>);
    /// a row is tested against each word as it is quickest tested (<see cref="ResolvedTerm.RowAlternatives"/>): a walk
    /// tests every entry it passes (`мама`, 25 completions listed, past 39,000 entries without them at 1M: 47 ms tested as
    /// the list, 22 as the prefix).</summary>
    string? everyWordIndexed;
    int? commonWordToTest;

    /// <summary>The search order from where the words' documents begin, as a condition on read.documents d (see
    /// <see cref="HeadOfOrder"/>), for every walk of the words in that order; "true" when no word's first place is known.</summary>
    readonly string fromFirstPlace = "true";
    readonly List<PlannedTier> tiers = [];

    public DynamicParameters Parameters { get; } = new();
    public SearchRequest Request { get; }
    public SearchIntent Intent { get; }

    /// <summary>More than 10,000 documents certainly match: one word that many documents hold, and no filter.</summary>
    public bool KnownBroad { get; }

    /// <summary>Several words, each in more than 10,000 documents (from the vocabulary's counts).</summary>
    public bool EveryWordBroad { get; }

    /// <summary>
    /// Several words that each more than 10,000 documents hold, no filter, by relevance (`Almaty Servis`, `ТОО Сервис`):
    /// their matches are likely more than 10,000, and counting up to 10,001 of them reads 10,001 rows of
    /// read.search_rows after intersecting two long posting lists (about 9,000 buffers). When their pairs' counts cannot
    /// tell, <see cref="Broad"/> answers from the ordered walk and the facet sample instead, and reports "10,000 or more"
    /// only when the sample proves it (<see cref="SampleProvesBroad"/>); otherwise the query is counted as any other. So is
    /// one word whose alternatives hold that many together (<see cref="AlternativesHoldMany"/>).
    /// </summary>
    public bool LikelyBroad => (EveryWordBroad || AlternativesHoldMany) && filters.Count == 0 && Source == "read.search_rows" && Request.Sort == SearchSort.Relevance;

    /// <summary>
    /// One word, none of whose alternatives more than 10,000 documents hold, but which together hold many times that:
    /// a start of many words (`1` begins 400 digit words held by 120,000 documents at 1M). Counting up to 10,001 of them
    /// makes the full-text index gather every posting first (`1`: 117,901 postings, 51 ms), while the sample proves it
    /// broad in 9. Below <see cref="AlternativesManyFrom"/> (`Бай`: 12,935 documents) a sample may not prove it, and the
    /// count that follows would be paid on top.
    /// </summary>
    bool AlternativesHoldMany => singleWord is { AtLeast: <= SearchPage.ExactTotalLimit } word && word.DocumentsAtMost >= AlternativesManyFrom;

    /// <summary>What a one-word query counted past 10,000 matches at most, for its walk (<see cref="HeadWalkedPage"/>): what
    /// its alternatives hold together (`70` at 1M: 21,406 documents, its 21st match 39,118 entries in), up to
    /// <see cref="AlternativesManyFrom"/>, from which a sample estimates them instead. 0 for several words.</summary>
    public long WordMatchesAtMost => singleWord is { } word ? Math.Min(word.DocumentsAtMost, AlternativesManyFrom) : 0;

    /// <summary>Twice what a sample may report broad (<see cref="BroadEstimate"/>): a document holding two of the word's
    /// alternatives is counted twice in their sum, rarely for digit words (`5`: 53,411 summed, 53,313 documents).</summary>
    const long AlternativesManyFrom = 2L * BroadEstimate;

    /// <summary>The sample's estimate above which several broad words may be reported as more than 10,000 matches: twice
    /// the limit, and then only when the estimate less four of its standard errors is above 10,000 too
    /// (<see cref="SampleProvesBroad"/>). Measured at 1M: `Almaty Servis` 10,100 estimated of 10,202, `ЖШС Лифт` 8,550 of
    /// 8,389 (both then counted exactly); `ТОО Сервис` about 100,000.</summary>
    public const int BroadEstimate = 2 * (SearchPage.ExactTotalLimit + 1);

    /// <summary>
    /// Whether the sample (<see cref="Estimate"/>: <paramref name="matches"/> rows, and the sum over its pages of the
    /// square of each page's matches) proves more than 10,000 documents match. The sample takes each page of
    /// read.search_rows with the same chance p, so the estimate is matches / p, with a variance of (1 − p) / p² times the
    /// sum of squares. The rows are stored in name order (migration 0310), so a query's matches crowd into few pages and
    /// the estimate of a query of 8,000–9,000 landed anywhere from 3,900 to 14,000 with three seeds (measured at 1M): the
    /// estimate must clear 10,000 by four standard errors (one chance in 30,000 of calling a query of 10,000 broad, were
    /// the estimate normal). A query of evenly spread matches keeps the margin it had: 20,000 of them have a standard
    /// error near 1,200.
    /// </summary>
    public bool SampleProvesBroad(long matches, long squares)
    {
        var p = SamplePercent() / 100;
        var estimate = EstimatedMatches(matches);
        return estimate >= BroadEstimate && estimate - 4 * Math.Sqrt((1 - p) * squares) / p > SearchPage.ExactTotalLimit;
    }

    /// <summary>The matches a sample of <paramref name="matches"/> (<see cref="Estimate"/>) stands for.</summary>
    public long EstimatedMatches(long matches) => (long)(matches / (SamplePercent() / 100));

    /// <summary>At least this many documents match (from the vocabulary's counts); sizes the facet sample.</summary>
    public long AtLeast { get; }

    /// <summary>No reading of the query can match anything (a word that is in no document, even with a typo).</summary>
    public bool MatchesNothing { get; }

    public IReadOnlyList<PlannedTier> Tiers => tiers;

    /// <summary>Where the matches are counted, faceted and ranked: read.search_rows (migration 0201, a quarter of the
    /// row size, so a count of 10,000 matches stays in memory) when the query is words alone; read.documents when a
    /// reading needs its number or BIN indexes, or a filter its own index (a holder's BIN, issue dates, a sector: on the
    /// narrow copy a broad word's every match was read to test them — `ТОО` issued since 2023-12-01, past the read
    /// time-out).</summary>
    public string Source { get; }

    public SearchPlan(SearchRequest request, SearchIntent intent, IReadOnlyList<ResolvedTerm>? words)
    {
        Request = request;
        Intent = intent;
        AddFilters(request);
        if (intent.Number is not null || intent.Bin is not null)
        {
            var exact = new List<string>();
            if (intent.Number is { } number) exact.Add(Param("d.number_norm = @number", "number", number));
            if (intent.Bin is { } bin) exact.Add(Param("d.holder_identifier = @bin", "bin", bin));
            AddOrderedByRank(SearchTier.Exact, $"({string.Join(" or ", exact)})");
        }
        if (intent.NumberPrefix is { } prefix)
            Add(SearchTier.NumberPrefix, Param("(d.number_norm >= @numberPrefix and d.number_norm < @numberPrefix || '~')", "numberPrefix", prefix), "d.number_norm");
        if (intent.NumberSuffix is { } suffix)
            Add(SearchTier.NumberSuffix, Param("(reverse(d.number_norm) >= @numberSuffix and reverse(d.number_norm) < @numberSuffix || '~')", "numberSuffix",
                new string([.. suffix.Reverse()])), "reverse(d.number_norm)");
        if (intent.BinPrefix is { } binPrefix)
            Add(SearchTier.BinPrefix, Param("(d.holder_identifier >= @binPrefix and d.holder_identifier < @binPrefix || '~')", "binPrefix", binPrefix), "d.holder_identifier");
        if (words is { Count: > 0 })
        {
            if (words.Count > 1) AddOrderedByRank(SearchTier.Phrase, Param("d.search @@ to_tsquery('simple', @phrase)", "phrase", Phrase(words)));
            var onRows = string.Join(" & ", words.Select(w => SearchVocabulary.Alternatives(w.RowAlternatives)));
            var all = Param("d.search @@ to_tsquery('simple', @words)", "words", onRows);
            everyWordIndexed = BroadWordsApart(words) is null && string.Join(" & ", words.Select(w => w.TsQuery)) == onRows ? null : LookedUp(words, "wordsListed");
            var withoutPrefix = IndexedWithoutPrefix(words);
            commonWordToTest = withoutPrefix is null ? CommonWordToTest(words) : null;
            var rare = withoutPrefix is not null ? Param("d.search @@ to_tsquery('simple', @indexedWords)", "indexedWords", withoutPrefix)
                : commonWordToTest is { } common ? LookedUp([.. words.Where((_, i) => i != common)], "indexedWords") : null;
            AddOrderedByRank(SearchTier.AllWords, all, rare is null ? everyWordIndexed : $"{rare} and ({all}) is true");
            AtLeast = words.Count == 1 ? words[0].AtLeast : 0;
            EveryWordBroad = words.Count > 1 && words.All(w => w.AtLeast > SearchPage.ExactTotalLimit);
            singleWord = words.Count == 1 ? words[0] : null;
            this.words = words;
            if (words.Select(w => w.FirstOrder).Where(f => f is not null).Max() is { } from)
            {
                Parameters.Add("walkFrom", from);
                fromFirstPlace = "d.search_order >= @walkFrom";
            }
        }
        if (intent.IsEverything) AddOrderedByRank(SearchTier.AllWords, "true");
        MatchesNothing = tiers.Count == 0;
        // Words alone (no number or BIN reading, not sorted by number, no filter but kind, status and region) are counted
        // and sampled on the narrow copy.
        wordsOnly = tiers.Count > 0 && tiers.All(t => IsName(t) && t.Predicate != "true");
        Source = wordsOnly && request.Sort != SearchSort.Number && !filtersBeyondFacets ? "read.search_rows" : "read.documents";
        // The pairs are indexed on the narrow copy alone; elsewhere the words are looked up as they are. The documents
        // holding every pair of the words are those holding every word, so no candidate is tested again.
        if (Source == "read.search_rows" && Paired(this.words, "wordPairs") is { } pairedIndexed)
        {
            var allWords = tiers.FindIndex(t => t.Tier == SearchTier.AllWords);
            tiers[allWords] = tiers[allWords] with { Indexed = pairedIndexed };
            everyWordIndexed = pairedIndexed;
            commonWordToTest = null;
        }
        KnownBroad = filters.Count == 0 && AtLeast > SearchPage.ExactTotalLimit;
        if (request.Sort != SearchSort.Relevance && !MatchesNothing) MergeTiersForSort(request.Sort);
        Parameters.Add("limit", request.Limit + 1);
        Parameters.Add("cap", SearchPage.ExactTotalLimit + 1);
    }

    /// <summary>
    /// The words the full-text index should look up when one of them is a prefix of many words (`кен:*` begins 834 at
    /// 1M) and the others are rare: the index gathers every completion's postings before intersecting them (37 ms for
    /// `Тынарманмұрат Кен`, 3 matches), while the documents the rare words hold are fewer to test one by one. Null when
    /// the index should take every word: no such prefix, or the other words hold more documents than the prefix (at most
    /// the 10,000 a query is counted up to, so the rows tested stay few).
    /// </summary>
    static string? IndexedWithoutPrefix(IReadOnlyList<ResolvedTerm> words)
    {
        static bool IsPrefix(ResolvedTerm w) => w.Others.Any(o => o.EndsWith(":*", StringComparison.Ordinal));
        var rest = words.Where(w => !IsPrefix(w)).ToList();
        if (rest.Count == 0 || rest.Count == words.Count) return null;
        var restAtMost = rest.Min(w => w.DocumentsAtMost);
        var prefixDocuments = words.Where(IsPrefix).Min(w => w.OthersAtMost);
        return restAtMost <= SearchPage.ExactTotalLimit && restAtMost < prefixDocuments ? string.Join(" & ", rest.Select(w => w.TsQuery)) : null;
    }

    /// <summary>
    /// The place in the query of a word the full-text index should leave to be tested on the rows, when one of three or
    /// more is in very many documents (`ТОО`: 60 %) and the others are rarer: the index finds the others' few common
    /// documents, and the common word is tested on them, instead of skipping through its postings once per query
    /// (`ТОО Атырау Мұнай`: 6.6 ms of index, 2.6 without `тоо`, for 792 documents tested against 582 matches). Null
    /// otherwise; with two words the one other word's documents would all be tested, more than the index saves.
    /// </summary>
    static int? CommonWordToTest(IReadOnlyList<ResolvedTerm> words) =>
        CommonWordCandidate(words) is { } at && words[at].DocumentsAtMost > CommonWordShare * words.Where((_, i) => i != at).Min(w => w.DocumentsAtMost) ? at : null;

    /// <summary>The place of the word of three or more held by the most documents.</summary>
    static int? CommonWordCandidate(IReadOnlyList<ResolvedTerm> words) =>
        words.Count < 3 ? null : words.Select((w, i) => (w.DocumentsAtMost, At: i)).MaxBy(w => w.DocumentsAtMost).At;

    /// <summary>
    /// Puts the common word left to the rows (<see cref="CommonWordToTest"/>) back in the index when the counted pairs show
    /// the other two words share more than <see cref="RowsTestedAtMost"/> documents: every one of them would be tested.
    /// `котел газовии тоо` tested 21,325 of the 27,715 rows `котел газовии` share to count 10,001 matches (28 ms at 1M),
    /// and 10,001 rows with `тоо` in the index (14 ms); `ТОО Атырау Мұнай` stays as it is (792 rows).
    /// </summary>
    public void IndexTheCommonWordWhenTheOthersShareMany(IReadOnlyDictionary<string, (long Documents, bool Paired)> terms,
        IReadOnlyDictionary<(string, string), long> pairs)
    {
        if (commonWordToTest is not { } at || words.Where((_, i) => i != at).ToList() is not [var x, var y]
            || AtLeastBoth(x, y, terms, pairs) <= RowsTestedAtMost) return;
        var allWords = tiers.FindIndex(t => t.Tier == SearchTier.AllWords);
        tiers[allWords] = tiers[allWords] with { Indexed = everyWordIndexed };
        commonWordToTest = null;
    }

    /// <summary>How many times more documents than the rarest other word a word holds to be left to the rows: the rows
    /// tested are those the other words share, and a word that common removes few of them.</summary>
    const int CommonWordShare = 10;

    /// <summary>The most documents the other words may share for a common word to be left to the rows: twice the
    /// matches a count reads.</summary>
    const int RowsTestedAtMost = 2 * (SearchPage.ExactTotalLimit + 1);

    /// <summary>The words as the full-text index is asked them (parameter <paramref name="name"/>): each word's listed
    /// alternatives, and apart when a broad word is among them (<see cref="BroadWordsApart"/>; `ТОО Алматы Пром` with
    /// `тоо` left to the rows: `алмати & пром`'s 22 completions, one of them in 55,000 documents, 22 ms of index at 1M as
    /// one query, 10 apart).</summary>
    string LookedUp(IReadOnlyList<ResolvedTerm> words, string name) => BroadWordsApart(words) is { } parts
        ? $"({string.Join(" or ", parts.Select((q, i) => Param($"d.search @@ to_tsquery('simple', @{name}{i})", $"{name}{i}", q)))})"
        : Param($"d.search @@ to_tsquery('simple', @{name})", name, string.Join(" & ", words.Select(w => w.TsQuery)));

    /// <summary>
    /// The words as the index of pairs (read.word_pairs, migration 0390) finds their matches. Each word is either one of
    /// its paired alternatives (<see cref="ResolvedTerm.IsPaired"/>) or one of its others; the query of every word's
    /// paired alternatives is asked for their pairs (<see cref="WordPairs"/>), and each query with a word's others (a
    /// rare completion, a place's name of two words) of the full-text index, which that rarer word leads. Null when a word
    /// has no paired alternative, or more than three have others. `ТОО Караганды Газ` at 1M: `тоо & караганди & газ`,
    /// 7.8 ms of index as words, 1.4 as the pairs `газ+тоо`, `газ+караганди`, `караганди+тоо`. Pairs and words are never
    /// asked together of one row: they are two indexes, and PostgreSQL found the candidates by one and computed the pairs
    /// of each for the other (`ЖШС Алматы Пром`, with `алма-ата`: 310 ms).
    /// </summary>
    string? Paired(IReadOnlyList<ResolvedTerm> words, string name)
    {
        var split = words.Select(PairedApart).ToList();
        if (words.Count < 2 || split.Any(w => w.Paired.Count == 0) || split.Count(w => w.Others.Count > 0) > 3) return null;
        var common = CommonWordCandidate(words) is { } at && split[at].Others.Count == 0 ? at : (int?)null;
        IEnumerable<List<Word>> parts = [[]];
        foreach (var ((paired, documents, others, othersDocuments), i) in split.Select((w, i) => (w, i)))
            parts = parts.SelectMany(q => new[] { new Word(SearchVocabulary.Alternatives(paired.Select(SearchVocabulary.Quote)), paired, documents, i == common),
                others.Count == 0 ? null : new Word(SearchVocabulary.Alternatives(others), null, othersDocuments) }.OfType<Word>().Select(w => (List<Word>)[.. q, w]));
        // The full-text queries first: a row found by a phrase is tested again against the whole condition, and stops at the
        // query it matches before computing its pairs (1,000 rows of `алма <-> ата`, 40 ms, when the pairs came first).
        var queries = parts.Select(part => (Pairs: WordPairs(part), Asked: AskedOfTheIndex(part), part.Count)).OrderBy(q => q.Pairs is not null).ToList();
        if (queries.All(q => q.Pairs is null)) return null;
        var found = $"({string.Join(" or ", queries.Select((q, i) => q.Pairs is { } pairs
            ? Param($"read.word_pairs(d.search) @@ @{name}{i}::tsquery", $"{name}{i}", pairs)
            : Param($"d.search @@ to_tsquery('simple', @{name}Words{i})", $"{name}Words{i}", TsQuery(q.Asked))))})";
        // A common word (`тоо`, in 60 % of the documents) is left out of a full-text query whose other words are rarer, and
        // tested on the rows they and the pairs find: the pairs' rows hold it anyway, and the index no longer skips through
        // its postings once per candidate (`ТОО Семей Кен` at 1M, 414 matches: 5.2 ms counted with `тоо` in the index, 3.3
        // tested on the rows; `ТОО Астана Газ`, 7,633 matches, whose `газ` and `астана` are too common for that but whose
        // full-text queries ask their rare alternatives: counted in 18.3 ms, 16.0 with `тоо` left to the rows). Only when
        // it has no alternative but its paired ones, so every full-text query keeps a word that is not paired.
        return common is { } c && queries.Any(q => q.Pairs is null && q.Asked.Count < q.Count)
            ? $"{found} and {Param($"d.search @@ to_tsquery('simple', @{name}Common)", $"{name}Common", SearchVocabulary.Alternatives(words[c].RowAlternatives))}"
            : found;
    }

    /// <summary>The words of a full-text query the index is asked: all but the common word (<see cref="Word.IsCommon"/>)
    /// when it holds more than <see cref="CommonWordShare"/> times the documents of the query's rarest other word, as
    /// <see cref="CommonWordToTest"/> weighs whole words.</summary>
    static List<Word> AskedOfTheIndex(List<Word> part) =>
        part.Find(w => w.IsCommon) is { } common && common.Documents > CommonWordShare * part.Where(w => !ReferenceEquals(w, common)).Min(w => w.Documents)
            ? [.. part.Where(w => !ReferenceEquals(w, common))]
            : part;

    /// <summary>A word's paired alternatives, and the rest of them as full-text operands. An unfinished word that is itself a
    /// paired word (`кен`, which begins 834 words): the word, and its other completions by their one-letter-longer
    /// prefixes, as <see cref="BroadWordsApart"/> reads it.</summary>
    static (List<string> Paired, long Documents, List<string> Others, long OthersDocuments) PairedApart(ResolvedTerm w)
    {
        if (w.LongerPrefixes is { Count: > 0 } longer && w.Within is [var word] && w.IsPaired(word))
        {
            var prefix = SearchVocabulary.QuotePrefix(word);
            return ([word], w.WithinDocuments,
                [.. w.Lexemes.Select(SearchVocabulary.Quote), .. w.Others.SelectMany(o => o == prefix ? longer.Select(SearchVocabulary.QuotePrefix) : [o])],
                w.DocumentsAtMost);
        }
        // The documents of the word's whole words: its paired ones are the most held (the list is of broad words).
        return ([.. w.Lexemes.Where(w.IsPaired)], w.LexemeDocuments, [.. w.Lexemes.Where(l => !w.IsPaired(l)).Select(SearchVocabulary.Quote), .. w.Others],
            SearchVocabulary.Saturating(Math.Max(0, w.LexemeDocuments - w.PairedLexemeDocuments), w.OthersAtMost));
    }

    /// <summary>
    /// The words of a query, each one or more paired words (<see cref="Word.Paired"/>), as a tsquery of read.word_pairs:
    /// the word held by the fewest documents paired with each other word, as any pair of their alternatives. A document
    /// holds every word exactly when it holds each of those pairs. The fewest documents: the index reads every posting of
    /// every alternative pair it is asked (`газ+тоо` alone is in 200,000 documents), and no pair of a word is in more
    /// documents than the word. Null unless every word is paired, and no two share an alternative or have more than
    /// <see cref="MaxPairsPerWords"/> pairs.
    /// </summary>
    static string? WordPairs(IReadOnlyList<Word> part)
    {
        if (part.Any(w => w.Paired is null)) return null;
        var rarest = part.MinBy(w => w.Documents)!;
        var clauses = new List<string>();
        foreach (var other in part.Where(w => !ReferenceEquals(w, rarest)))
        {
            if (rarest.Paired!.Count * other.Paired!.Count > MaxPairsPerWords || rarest.Paired.Intersect(other.Paired, StringComparer.Ordinal).Any()) return null;
            clauses.Add(SearchVocabulary.Alternatives(rarest.Paired.SelectMany(x => other.Paired.Select(y => SearchVocabulary.Quote(PairLexeme(x, y))))));
        }
        return string.Join(" & ", clauses);
    }

    /// <summary>Two paired words as read.word_pairs indexes them: in "C" order, joined by '+'.</summary>
    public static string PairLexeme(string x, string y) => SearchVocabulary.CollateC.Compare(x, y) < 0 ? $"{x}+{y}" : $"{y}+{x}";

    /// <summary>Beyond this many pairs of two words' alternatives, the two are looked up as words.</summary>
    const int MaxPairsPerWords = 64;

    /// <summary>One word of a query as an index is asked it: its full-text query, and the paired words it is exactly, with
    /// the documents holding them (null when it matches any other word, phrase or prefix); and whether it is the query's
    /// common word, which the rows may test instead of the full-text index (<see cref="AskedOfTheIndex"/>).</summary>
    sealed record Word(string TsQuery, IReadOnlyList<string>? Paired, long Documents = 0, bool IsCommon = false);

    static string TsQuery(IReadOnlyList<Word> words) => string.Join(" & ", words.Select(w => w.TsQuery));

    /// <summary>
    /// The words as several full-text queries whose matches together are the query's, when a word's alternatives include
    /// a word of more than 10,000 documents beside others (`Алматы` or `алма-ата`, `астана` or another word it begins):
    /// each query takes either that word or the rest of the word's alternatives. The full-text index skips through a broad
    /// word's postings only when every match must hold it; inside an alternative it reads them all (`Алматы Лифт`:
    /// 20 ms, 12 apart; `ПХВ Астана`: 26, 13 apart). Null when no word has such an alternative, or more than three do.
    /// </summary>
    static List<string>? BroadWordsApart(IReadOnlyList<ResolvedTerm> words)
    {
        var parts = words.Select(Apart).ToList();
        // Each split word doubles the queries; beyond three, the index would be asked for the broad words once per query.
        var split = parts.Count(p => p.Others is not null);
        if (split is 0 or > 3) return null;
        IEnumerable<string> queries = [""];
        foreach (var (broad, others) in parts)
            queries = queries.SelectMany(q => new[] { broad, others }.OfType<string>().Select(w => q.Length == 0 ? w : $"{q} & {w}"));
        return [.. queries];

        static (string Broad, string? Others) Apart(ResolvedTerm w)
        {
            // An unfinished word that is itself broad: the word, and its other completions by their one-letter-longer prefixes.
            if (w.LongerPrefixes is { Count: > 0 } longer && w.Within is [var word])
            {
                var prefix = SearchVocabulary.QuotePrefix(word);
                return (SearchVocabulary.Quote(word), SearchVocabulary.Alternatives([.. w.Lexemes.Select(SearchVocabulary.Quote),
                    .. w.Others.SelectMany(o => o == prefix ? longer.Select(SearchVocabulary.QuotePrefix) : [o])]));
            }
            if (w.LexemeDocuments > SearchPage.ExactTotalLimit && w.Lexemes.Count + w.Others.Count > 1)
                return (SearchVocabulary.Quote(w.Lexemes[0]), SearchVocabulary.Alternatives([.. w.Lexemes.Skip(1).Select(SearchVocabulary.Quote), .. w.Others]));
            return (w.TsQuery, null);
        }
    }

    /// <summary>
    /// The words as a phrase, as a tsquery. A word's alternatives of one word and of several (`астана`, `нур <-> султан`)
    /// are phrased apart: PostgreSQL matches `(астана | нур <-> султан) <-> огнетушитель` also in `нур султан … астана кен
    /// огнетушитель`, where neither name stands before the other word (seen among 200,000 documents: a name of the holder
    /// and one of the branch). So each combination of the words' alternative lengths is a phrase of its own, and the
    /// phrase is any of them — with one length each, the words' queries side by side, as before. The phrase only ever
    /// tests rows (the words' tier finds them), so each word is written as a row is quickest tested
    /// (<see cref="ResolvedTerm.RowAlternatives"/>).
    /// </summary>
    static string Phrase(IReadOnlyList<ResolvedTerm> words)
    {
        var lengths = words.Select(w => w.RowAlternatives
                .GroupBy(q => q.Split(" <-> ").Length).Select(g => SearchVocabulary.Alternatives(g)).ToList())
            .Select((groups, i) => groups.Count > 1 ? groups : [SearchVocabulary.Alternatives(words[i].RowAlternatives)]).ToList();
        if (lengths.Aggregate(1, (n, groups) => n * groups.Count) is 1 or > MaxPhrases)
            return string.Join(" <-> ", words.Select(w => SearchVocabulary.Alternatives(w.RowAlternatives)));
        IEnumerable<string> phrases = [""];
        foreach (var groups in lengths) phrases = phrases.SelectMany(p => groups.Select(g => p.Length == 0 ? g : $"{p} <-> {g}"));
        return string.Join(" | ", phrases.Select(p => $"({p})"));
    }

    /// <summary>Beyond this many phrases (words of alternatives of several lengths each), the words' queries are joined
    /// as they are.</summary>
    const int MaxPhrases = 16;

    string Param(string sql, string name, object value)
    {
        Parameters.Add(name, value);
        return sql;
    }

    void AddFilters(SearchRequest r)
    {
        void Filter(string clause, string name, object? value, string? termFacetClause = null)
        {
            if (value is null) return;
            filters.Add(clause);
            Parameters.Add(name, value);
            if (termFacetClause is null) filtersBeyondFacets = true;
            else termFacetFilters.Add(termFacetClause);
        }
        Filter("d.kind = @kind", "kind", r.Kind, "f.kind = @kind");
        // A status is a range of search_order, so the ordered walk can start and stop at it. Within a status the order is
        // the issue date, newest first, so issue dates narrow that range; with no status, a last issue date is where the
        // walk starts (`ТОО` issued before 2014, by relevance: every newer document was walked first, 460 ms at 1M).
        if (r.Status is not null && Slugs.TryParse<DocumentStatus>(r.Status, out var status))
        {
            filters.Add("d.search_order >= @statusFrom and d.search_order < @statusTo");
            Parameters.Add("statusFrom", r.IssuedTo is { } to ? SearchRanking.Order(status, to) : SearchRanking.Rank(status) * 1_000_000L);
            Parameters.Add("statusTo", r.IssuedFrom is { } from ? SearchRanking.Order(status, from) + 1 : (SearchRanking.Rank(status) + 1) * 1_000_000L);
            termFacetFilters.Add("f.status = @statusSlug");
            Parameters.Add("statusSlug", status.Slug());
            filtersStatus = true;
        }
        else if (r.IssuedTo is { } to)
        {
            filters.Add("d.search_order >= @orderFrom");
            Parameters.Add("orderFrom", SearchRanking.Order(DocumentStatus.Valid, to));
        }
        Filter("d.region = @region", "region", r.Region, "f.region = @region");
        Filter("d.sectors @> array[@sector]", "sector", r.Sector);
        Filter("d.holder_identifier = @holder", "holder", r.Bin);
        Filter("d.issued_on >= @issuedFrom", "issuedFrom", r.IssuedFrom);
        Filter("d.issued_on <= @issuedTo", "issuedTo", r.IssuedTo);
    }

    void AddOrderedByRank(SearchTier tier, string predicate, string? indexed = null) =>
        tiers.Add(new PlannedTier(tier, predicate, "d.search_order", "lpad(d.search_order::text, 8, '0')",
            "(d.search_order, d.document_id) > (@cursorKey::bigint, @cursorId)", indexed));

    void Add(SearchTier tier, string predicate, string orderBy) =>
        tiers.Add(new PlannedTier(tier, predicate, orderBy, orderBy, $"({orderBy}, d.document_id) > (@cursorKey, @cursorId)"));

    /// <summary>Sorted by date or number, the readings are one set in that order; each row still says which reading found it.</summary>
    void MergeTiersForSort(SearchSort sort)
    {
        var (orderBy, key, after) = sort switch
        {
            // Keys as text that sorts ascending: days counted down (newest first) or up (oldest first), or the number.
            SearchSort.IssuedNewest => ("d.issued_on desc, d.document_id", "lpad((999999 - (d.issued_on - date '0001-01-01'))::text, 6, '0')",
                "(d.issued_on < date '0001-01-01' + (999999 - @cursorKey::int) or (d.issued_on = date '0001-01-01' + (999999 - @cursorKey::int) and d.document_id > @cursorId))"),
            SearchSort.IssuedOldest => ("d.issued_on, d.document_id", "lpad((d.issued_on - date '0001-01-01')::text, 6, '0')",
                "(d.issued_on, d.document_id) > (date '0001-01-01' + @cursorKey::int, @cursorId)"),
            _ => ("d.number_norm, d.document_id", "d.number_norm", "(d.number_norm, d.document_id) > (@cursorKey, @cursorId)"),
        };
        // Sorted by number, a kind is the range of numbers its prefix opens: the walk in number order starts there instead of
        // passing every other kind's numbers (`Құрылыс`, fire-equipment conclusions by number: 500,000 heap rows, 1.9 s).
        if (sort == SearchSort.Number && Request.Kind is { } kindSlug && Slugs.TryParse<DocumentKind>(kindSlug, out var kind))
        {
            kindNumbers = "d.number_norm >= @kindNumbers and d.number_norm < @kindNumbers || '~'";
            Parameters.Add("kindNumbers", kind.NumberPrefix());
        }
        // A phrase's matches are among its words': the words' index condition finds both.
        var merged = new PlannedTier(tiers.Count == 1 ? tiers[0].Tier : SearchTier.AllWords, $"({string.Join(" or ", Matching.Select(t => t.Predicate))})",
            orderBy, key, after, $"({string.Join(" or ", Matching.Select(t => t.IndexCondition))})");
        MatchTier = TierCase();
        tiers.Clear();
        tiers.Add(merged);
    }

    /// <summary>For a date or number sort: which reading found each row, as SQL (null for relevance, where the tier is the order).</summary>
    public string? MatchTier { get; private set; }

    string TierCase() => FirstMatching(t => t.Number);

    /// <summary>A value of the first tier a matched row is in, as SQL. Every matched row is in one of them, so the last
    /// tier needs no test (a phrase and its words: one full-text test per row instead of two).</summary>
    string FirstMatching(Func<PlannedTier, string> value) =>
        tiers.Select(value).Distinct().Count() == 1 ? value(tiers[0])
        : $"case {string.Join(" ", tiers.SkipLast(1).Select(t => $"when coalesce({t.Predicate}, false) then {value(t)}"))} else {value(tiers[^1])} end";

    /// <summary>The filters on read.documents.</summary>
    string Filters => string.Join(" and ", filters.Append(kindNumbers ?? "true"));

    /// <summary>The filters on the per-word counts (read.search_term_facets f): kind, status and region.</summary>
    string TermFilters => termFacetFilters.Count == 0 ? "true" : string.Join(" and ", termFacetFilters);

    /// <summary>The filters as the full-text indexes take them (migration 0300): a status also as the column its last key is
    /// (the filter proper is a range of search_order, which the ordered walks need), so a word within a status is one index
    /// scan (`Мұнай`, revoked: 2,348 of 59,156 matches, which were all read before).</summary>
    string IndexedFilters => string.Join(" and ", filters.Append(filtersStatus ? "d.status = @statusSlug" : "true"));

    (SearchTier Tier, string Key)? Cursor()
    {
        if (!SearchCursor.TryDecode(Request.Cursor, out var sortKey, out var id) || !SearchCursor.TryReadTierKey(sortKey, out var tier, out var key)) return null;
        Parameters.Add("cursorTier", (int)tier);
        Parameters.Add("cursorKey", key);
        Parameters.Add("cursorId", id);
        return (tier, key);
    }

    /// <summary>
    /// A count that tells broad from narrow more cheaply than <see cref="Counted"/> reading up to 10,001 rows: up to 10,001
    /// that an index answers alone, when the query is one number range or no words at all (a kind, a status, or
    /// everything); or, for one word more than 10,000 documents hold, filtered by kind, status and region only, the most
    /// documents any one of its words holds within the filters (read.search_term_facets), at least the matches — above
    /// 10,000 the filtered query is broad without counting (`Лифт`, permits by number: 62 ms of 80 were that count).
    /// Null otherwise (the vocabulary's counts tell the rest).
    /// </summary>
    public string? Probe()
    {
        if (tiers is [{ Tier: not (SearchTier.Phrase or SearchTier.AllWords) }] || Intent.IsEverything)
            return $"select count(*) from (select 1 from read.documents d where {tiers[0].Predicate} and {Filters} limit @cap) c";
        if (singleWord is not { AtLeast: > SearchPage.ExactTotalLimit } word || filters.Count == 0 || filtersBeyondFacets || !wordsOnly) return null;
        Parameters.Add("probeWords", word.Lexemes.Concat(word.Within).Distinct(StringComparer.Ordinal).ToArray());
        return $"""
            select coalesce(max(t.n), 0) from (
                select sum(f.documents) as n from read.search_term_facets f
                where f.term = any(@probeWords::text[] collate "C") and {TermFilters} group by f.term) t
            """;
    }

    /// <summary>
    /// Up to 10,001 matches of any reading, read once: the total and the facets from them, and the page ranked among
    /// them — tier, then the tier's order. When 10,001 come back the query is broad and <see cref="Broad"/> answers.
    /// </summary>
    public string Counted()
    {
        var cursor = Cursor();
        var relevance = Request.Sort == SearchSort.Relevance;
        var tier = relevance ? TierCase() : MatchTier!;
        var key = FirstMatching(t => t.SortKey);
        var orderTier = relevance ? "m.tier" : "0";
        var after = After(cursor, orderTier);
        var matches = ReadEachReading ? $"select distinct on (u.document_id) u.* from ({string.Join("\nunion all\n", Readings(facetsOnly: false))}) u order by u.document_id, u.tier"
            : $"""
                select d.document_id, d.kind, d.status, d.region, {tier} as tier, {key} as sort_key
                from {Source} d
                where {MatchWhere}
                limit @cap
                """;
        // A count that reaches the cap is "more than 10,000": the broad statement answers it, so the facets and the page
        // of the 10,001 rows read are not worked out (an InitPlan runs only when its value is asked for).
        return $"""
            with m as materialized ({matches}),
            counted as (select count(*) as total from m),
            page as (
                select m.document_id, m.tier, {orderTier} as order_tier, m.sort_key from m where {after}
                order by {(relevance ? "m.tier, " : "")}m.sort_key collate "C", m.document_id limit @limit)
            select (select total from counted) as total,
                   case when (select total from counted) < @cap then ({Facets("m", "1")}) else '[]' end as facets,
                   case when (select total from counted) < @cap then ({Items}) else '[]' end as items
            """;
    }

    /// <summary>
    /// The page alone of a query whose exact total and facets are known (<see cref="PairTotals"/>), ranked as
    /// <see cref="Counted"/> ranks it: every match is read, but none is kept, counted or grouped — the top rows are kept
    /// as they stream by (`ТОО Холдинг`, 8,147 matches at 1M: 21 ms, against 27 counted). From
    /// <see cref="PhraseFirstFrom"/> matches, the first page of a phrase and its words is read without them
    /// (<see cref="PhraseThenWalked"/>) when the words side by side can be looked up (<see cref="AdjacentWords"/>).
    /// </summary>
    public string Ranked(long matches)
    {
        var cursor = Cursor();
        var ranked = $"""
            select m.document_id, m.tier, m.tier as order_tier, m.sort_key
            from (select d.document_id, {TierCase()} as tier, {FirstMatching(t => t.SortKey)} as sort_key
                  from {Source} d where {MatchWhere}) m
            where {After(cursor, "m.tier")}
            order by m.tier, m.sort_key collate "C", m.document_id limit @limit
            """;
        if (cursor is not null || filters.Count > 0 || Request.Sort != SearchSort.Relevance || matches < PhraseFirstFrom
            || tiers is not [{ Tier: SearchTier.Phrase } phrase, { Tier: SearchTier.AllWords } allWords] || AdjacentWords() is not { } adjacent)
            return $"""
                with page as ({ranked})
                select 0::bigint as total, '[]' as facets, ({Items}) as items
                """;
        Parameters.Add("adjacentWords", adjacent);
        Parameters.Add("walkEntries", WalkPerMatch * matches);
        return $"""
            with {PhraseThenWalked(phrase, allWords, ranked)}
            select 0::bigint as total, '[]' as facets, ({Items}) as items
            """;
    }

    /// <summary>
    /// The <c>phrase</c>, <c>walked</c> and <c>page</c> CTEs of a first page that need not read every match: the first
    /// phrase matches in the order, found by the words side by side (read_search_rows_adjacent_words, migration 0350) and
    /// each tested for the phrase; when they are fewer than a page, they are all the phrase matches, and the rest of the
    /// page is the first other matches of the words in the head of the ordered index, at most <see cref="WalkPerMatch"/>
    /// entries per match (the index carries the tsvector, so an entry costs a fraction of a match ranked). A walk that
    /// finds too few (the words' matches far down the order) leaves the page to <paramref name="ranked"/>, as before.
    /// Measured at 1M: `ТОО Спринклер`, 9,321 matches of which 204 are the phrase, 41 ms walked for the phrase then
    /// ranked, now the phrase page alone.
    /// </summary>
    string PhraseThenWalked(PlannedTier phrase, PlannedTier allWords, string ranked)
    {
        return $"""
            phrase as materialized (
                select d.document_id, {phrase.Number} as tier, {phrase.Number} as order_tier, {phrase.SortKey} as sort_key
                from read.search_rows d
                where read.adjacent_words(d.search) @@ @adjacentWords::tsquery and ({phrase.Predicate}) is true
                order by d.search_order, d.document_id limit @limit),
            walked as materialized (
                select d.document_id, {allWords.Number} as tier, {allWords.Number} as order_tier, {allWords.SortKey} as sort_key
                from {HeadOfOrder("@walkEntries")} d
                where {allWords.Predicate} and not coalesce({phrase.Predicate}, false)
                order by d.search_order, d.document_id limit @limit - (select count(*) from phrase)),
            found as (select (select count(*) from phrase) + (select count(*) from walked) as rows),
            page as (
                select * from phrase where (select rows from found) = @limit
                union all
                select * from walked where (select rows from found) = @limit
                union all
                select * from ({ranked}) r where (select rows from found) < @limit)
            """;
    }

    /// <summary>The <c>walked</c> and <c>page</c> CTEs of a page looked for in the head of the ordered index: the first
    /// matches of <paramref name="walkedTier"/> among its first <paramref name="entries"/> entries when they are a page,
    /// else the page <paramref name="ranked"/> gives.</summary>
    string WalkedOrRanked(PlannedTier walkedTier, string entries, string ranked)
    {
        var tier = walkedTier.Number;
        return $"""
            walked as materialized (
                select d.document_id, {tier} as tier, {tier} as order_tier, {walkedTier.SortKey} as sort_key
                from {HeadOfOrder(entries)} d
                where {walkedTier.Predicate}
                order by d.search_order, d.document_id limit @limit),
            page as (
                select * from walked where (select count(*) from walked) = @limit
                union all
                select * from ({ranked}) r where (select count(*) from walked) < @limit)
            """;
    }

    /// <summary>
    /// The first <paramref name="entries"/> entries of read_documents_search_order from where the words' documents begin
    /// (<see cref="ResolvedTerm.FirstOrder"/>: a document matching every word comes no earlier than the latest-beginning
    /// word's first), so that a walk does not read past newest documents without the words: `стандарт` after 26,000 new
    /// attestations walked 26,053 entries for its 21 hits. From the start when no word's first place is known.
    /// </summary>
    string HeadOfOrder(string entries) =>
        $"(select d.document_id, d.search_order, d.search from read.documents d where {fromFirstPlace} order by d.search_order, d.document_id limit {entries})";

    /// <summary>The words side by side that every phrase match holds, as a query of read.adjacent_words (migration 0350):
    /// for one pair of neighbouring words, each alternative's last word before each alternative's first word after
    /// (`астана лифт`, `султан лифт`, and `астана лифтм`:* for an unfinished word's completions). The neighbours with the
    /// fewest such pairs are taken. Null when no neighbours can be so listed: a prefix before another word, or more than
    /// <see cref="MaxAdjacentWords"/> pairs.</summary>
    public string? AdjacentWords()
    {
        List<string>? fewest = null;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            var before = Alternatives(words[i]).Select(a => TsQueryEdge.Of(a, last: true)).ToList();
            var after = Alternatives(words[i + 1]).Select(a => TsQueryEdge.Of(a, last: false)).ToList();
            if (before.Any(e => e is null || e.Any(o => o.Prefix)) || after.Any(e => e is null)) continue;
            var lexemePairs = before.SelectMany(e => e!).Select(o => o.Lexeme).Distinct(StringComparer.Ordinal)
                .SelectMany(b => after.SelectMany(e => e!).Distinct().Select(a => (Pair: $"{b} {a.Lexeme}", a.Prefix))).ToList();
            // The index leaves out two words of 2,000 bytes or more (migration 0350): such a phrase is not looked up there.
            if (lexemePairs.Any(p => System.Text.Encoding.UTF8.GetByteCount(p.Pair) - 1 >= MaxAdjacentBytes)) continue;
            var pairs = lexemePairs.Select(p => SearchVocabulary.Quote(p.Pair) + (p.Prefix ? ":*" : "")).Distinct(StringComparer.Ordinal).ToList();
            if (pairs.Count <= MaxAdjacentWords && (fewest is null || pairs.Count < fewest.Count)) fewest = pairs;
        }
        return fewest is null ? null : string.Join(" | ", fewest);

        static IEnumerable<string> Alternatives(ResolvedTerm w) => w.Lexemes.Select(SearchVocabulary.Quote).Concat(w.Others);
    }

    /// <summary>Beyond this many pairs of words side by side, the phrase's first page is ranked from its matches.</summary>
    const int MaxAdjacentWords = 256;

    /// <summary>The bytes of two words from which read.adjacent_words leaves their pair out (a lexeme holds up to 2,046).</summary>
    const int MaxAdjacentBytes = 2_000;

    /// <summary>Entries of the ordered index walked per match for the rest of a page after its phrase matches: an entry
    /// costs about a quarter of a match ranked, so a walk that fails has cost what ranking does. 21 matches spread over
    /// the order are within 21 × documents / matches entries: 7,000 for 3,000 matches of 1M, of a bound of 12,000.</summary>
    const int WalkPerMatch = 4;

    /// <summary>Below this many matches ranking them costs less than 8 ms, about what looking up the phrase and walking for
    /// the rest of the page may cost.</summary>
    const int PhraseFirstFrom = 3_000;

    /// <summary>Every match of the query as the indexes find it: any reading, and the filters.</summary>
    string MatchWhere => $"({string.Join(" or ", Matching.Select(t => t.IndexCondition))}) and {IndexedFilters}{(kindNumbers is null ? "" : $" and {kindNumbers}")}";

    /// <summary>Rows of <c>m</c> after the cursor in the order tier (<paramref name="orderTier"/>), sort key, document.</summary>
    static string After((SearchTier Tier, string Key)? cursor, string orderTier) => cursor is null ? "true"
        : $"({orderTier} > @cursorTier or ({orderTier} = @cursorTier and (m.sort_key > @cursorKey collate \"C\" or (m.sort_key = @cursorKey and m.document_id > @cursorId))))";

    /// <summary>
    /// More than 10,000 matches: each tier from the cursor's on walks its own index and stops at the page, the page is
    /// the first rows over all tiers, and the facets are counted on a fixed sample of the registry's pages.
    /// </summary>
    public string Broad(bool sampleFacets = true, long expectedMatches = 0)
    {
        var wordFacets = sampleFacets ? WordFacets() : null;
        var sample = sampleFacets && wordFacets is null ? $"""
            ,
            m as ({Sampled()})
            """ : "";
        return $"""
            with {WalkedPage(expectedMatches)}{sample}
            select {SearchPage.ExactTotalLimit + 1}::bigint as total,
                   {(!sampleFacets ? "'[]'" : wordFacets ?? $"({Facets("m", "1", "sum(w)")})")} as facets,
                   ({Items}) as items
            """;
    }

    /// <summary>
    /// The approximate facets of a broad word whose exact correction would read too much (<see cref="TermCounts"/>): the
    /// per-word counts of its whole words and of the word within an unfinished one, summed — a few hundred index rows
    /// instead of a 2 % sample of the registry's pages. Used only when those words hold at least nine in ten of the
    /// documents the word may match (the rest: other completions, phrases); a document holding two of them counts twice.
    /// Beside a number or BIN reading (`2022`: a year, and the numbers ending in it), the few identifier matches are
    /// added as they are, as the sample adds them (<see cref="Sampled"/>): at 1M, 1.7 ms instead of the sample's 9.8.
    /// </summary>
    string? WordFacets()
    {
        if (singleWord is not { } word || filtersBeyondFacets || (Source != "read.search_rows" && !ReadEachReading) || Request.Sort != SearchSort.Relevance
            || word.LexemeDocuments + word.WithinDocuments == 0 || word.OthersAtMost - word.WithinDocuments > (word.LexemeDocuments + word.WithinDocuments) / 9)
            return null;
        Parameters.Add("facetWords", word.Lexemes.Concat(word.Within).Distinct(StringComparer.Ordinal).ToArray());
        var readings = ReadEachReading ? Readings(facetsOnly: true).Select(r => $"\nunion all\n{r}") : [];
        var counts = $"""
            (select f.kind, f.status, nullif(f.region, '') as region, f.documents as w
             from read.search_term_facets f where f.term = any(@facetWords::text[] collate "C") and f.documents > 0 and {TermFilters}{string.Concat(readings)}) c
            """;
        return $"({Facets(counts, "1", "sum(c.w)")})";
    }

    /// <summary>The page of <see cref="Broad"/> (a <c>page</c> CTE and those it reads), walked in each tier's order.</summary>
    string WalkedPage(long expectedMatches)
    {
        var cursor = Cursor();
        var relevance = Request.Sort == SearchSort.Relevance;
        var phrase = tiers.FirstOrDefault(t => t.Tier == SearchTier.Phrase);
        // The first page of a phrase and its words: the window's matches read once, phrase matches first, instead of
        // three walks over it (the window's end, the phrase tier up to it, the words tier). The page fits in the window.
        if (relevance && cursor is null && phrase is not null && tiers.Count == 2 && Request.Limit + 1 <= PhraseWindow)
        {
            var all = tiers.Single(t => t.Tier == SearchTier.AllWords);
            return $"""
                phrase_window as (
                    select d.document_id, {all.SortKey} as sort_key,
                           case when coalesce({phrase.Predicate}, false) then {(int)SearchTier.Phrase} else {(int)SearchTier.AllWords} end as tier
                    from read.documents d where {Walkable(all)} and {Filters} and {fromFirstPlace}
                    order by d.search_order, d.document_id limit {PhraseWindow}),
                page as (
                    select w.document_id, w.tier, w.tier as order_tier, w.sort_key from phrase_window w
                    order by w.tier, w.sort_key collate "C", w.document_id limit @limit)
                """;
        }
        if (relevance && cursor is null && filters.Count == 0 && tiers is [{ Tier: SearchTier.AllWords } words] && words.Predicate != "true")
            return HeadWalkedPage(words, expectedMatches);
        var walks = new List<string>();
        for (var i = 0; i < tiers.Count; i++)
        {
            var t = tiers[i];
            if (relevance && cursor is { } c && t.Tier < c.Tier) continue;
            var clauses = new List<string> { Walkable(t), Filters };
            if (IsName(t) && t.Predicate != "true" && t.OrderBy == "d.search_order") clauses.Add(fromFirstPlace);
            // A row is in the first tier that reads it.
            clauses.AddRange(tiers.Take(i).Where(e => e.Tier != SearchTier.Phrase).Select(e => IsName(t) && ReadEachReading
                // The name walk reads the ordered index alone: an identifier predicate there would fetch each entry's
                // heap row, so the identifier matches (a few thousand at most, index-only) are excluded as a hashed set.
                ? $"d.document_id not in (select d.document_id from read.documents d where {e.Predicate} and {Filters} limit @cap)"
                : $"not coalesce({e.Predicate}, false)"));
            if (t.Tier == SearchTier.Phrase) clauses.Add($"(d.search_order, d.document_id) <= {Boundary}");
            if (t.Tier == SearchTier.AllWords && phrase is not null)
                clauses.Add($"not ({phrase.Predicate} and (d.search_order, d.document_id) <= {Boundary})");
            if (cursor is { } at && (!relevance || t.Tier == at.Tier)) clauses.Add(t.After);
            var tierOut = relevance ? t.Number : MatchTier!;
            walks.Add($"""
                (select d.document_id, {tierOut} as tier, {(relevance ? tierOut : "0")} as order_tier, {t.SortKey} as sort_key
                 from read.documents d where {string.Join(" and ", clauses)}
                 order by {t.OrderBy}, d.document_id limit @limit)
                """);
        }
        // The window's last match; with fewer matches than the window, every phrase match is in it.
        var boundary = phrase is null ? "" : $"""
            boundary as (
                (select d.search_order, d.document_id from read.documents d
                 where {Walkable(tiers.Single(t => t.Tier == SearchTier.AllWords))} and {Filters} and {fromFirstPlace}
                 order by d.search_order, d.document_id offset {PhraseWindow - 1} limit 1)
                union all select 9223372036854775807, 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid
                limit 1),
            """;
        return $"""
            {boundary}
            page as (
                select w.* from ({(walks.Count == 0 ? "select null::uuid as document_id, 0 as tier, 0 as order_tier, '' as sort_key where false" : string.Join("\nunion all\n", walks))}) w
                order by w.order_tier, w.sort_key collate "C", w.document_id limit @limit)
            """;
    }

    /// <summary>
    /// The first page of one broad reading of words, walked in the head of the ordered index only: at most
    /// <see cref="HeadWalk"/> entries, or <see cref="HeadWalkPerMatch"/> per document the word is known to match, or is
    /// expected to (<paramref name="expectedMatches"/>: a sample's estimate, or after a count past 10,000
    /// <see cref="WordMatchesAtMost"/>; `5` begins digit words of 53,000 documents at 1M, none more than 10,000, and its
    /// 21st match is 38,883 entries in: stopped at 10,000, its matches were ranked, 57 ms, walked 8). A word
    /// broad across the registry may be missing from its newest documents (a burst of issues to others): walked to the
    /// end, `Pavlodar` read 370,000 entries (101 ms) under 230,000 new documents without it; stopped at 10,000 entries, a
    /// common word under 39,000 load-test attestations was ranked from all its matches (common-word class p50 71 ms at
    /// 1M, where walking past them takes about 15). When the walk finds less than a page, the page is ranked from the
    /// matches the full-text index finds, which costs with the matches, not with the registry.
    /// </summary>
    string HeadWalkedPage(PlannedTier words, long expectedMatches)
    {
        Parameters.Add("walkBound", Math.Max(HeadWalk, HeadWalkPerMatch * Math.Max(AtLeast, expectedMatches)));
        var tier = words.Number;
        return WalkedOrRanked(words, "@walkBound", $"""
            select d.document_id, {tier} as tier, {tier} as order_tier, {words.SortKey} as sort_key
            from {Source} d where {words.IndexCondition}
            order by d.search_order, d.document_id limit @limit
            """);
    }

    /// <summary>How many entries of the ordered index the first page of a broad word walks before it ranks the word's
    /// matches instead: about 4 ms of entries. A broad word is in at least 10,000 documents, so spread evenly over a
    /// registry of a million it has a page within its first 2,100 entries.</summary>
    public const int HeadWalk = 10_000;

    /// <summary>Entries of the ordered index walked per known match before the walk gives up: an entry costs about half
    /// what ranking a match does (`Pavlodar` under 52,000 load-test documents: 41,220 entries in 14.9 ms, its 10,305
    /// matches ranked in 7.6 ms), so a walk that fails has spent what ranking costs, and the page never costs more than
    /// twice the cheaper way.</summary>
    public const int HeadWalkPerMatch = 2;

    /// <summary>The facet sample: matches in a fixed sample of the registry's pages, each weighted by the pages it stands for;
    /// <paramref name="withPage"/>, each with its page's number (words alone: <see cref="Estimate"/>).</summary>
    string Sampled(bool withPage = false)
    {
        Parameters.Add("samplePercent", SamplePercent());
        // With number or BIN readings beside the words, the words are sampled on the narrow copy and the few identifier
        // matches added as they are (a document matching both is counted twice: the facets are approximate anyway).
        return ReadEachReading && tiers.Any(IsName)
            ? $"""
                select d.kind, d.status, d.region, 100.0 / @samplePercent as w from read.search_rows d tablesample system (@samplePercent) repeatable (11)
                where {tiers.Single(t => t.Tier == SearchTier.AllWords).Predicate} and {IndexedFilters}
                union all
                {string.Join("\nunion all\n", Readings(facetsOnly: true))}
                """
            : $"""
                select d.kind, d.status, d.region, 100.0 / @samplePercent as w{(withPage ? ", (d.ctid::text::point)[0] as page" : "")}
                from {Source} d tablesample system (@samplePercent) repeatable (11)
                where ({string.Join(" or ", Matching.Select(t => t.Predicate))}) and {Filters}
                """;
    }

    /// <summary>For <see cref="LikelyBroad"/>: the sample alone — the matches it holds, the sum over its pages of the
    /// square of each page's matches (<see cref="SampleProvesBroad"/>), and its facets. The page is walked
    /// (<see cref="Broad"/> without a sample) only when the sample proves the query broad: two broad words can have few
    /// matches in common (`Астана Алматы`: none), and the ordered walk would then read the whole index.</summary>
    public string Estimate() => $"""
        with m as materialized ({Sampled(withPage: true)})
        select (select count(*) from m) as matches,
               (select coalesce(sum(n * n), 0) from (select count(*) as n from m group by m.page) p)::bigint as squares,
               ({Facets("m", "1", "sum(w)")}) as facets
        """;

    /// <summary>For <see cref="LikelyBroad"/>: every alternative of the query's words with the documents holding it and
    /// whether its pairs are counted (read.search_pair_terms; B null), and the counted pairs among them (migration 0204,
    /// with what is still queued, migration 0330) — what <see cref="Bounds"/> reads. One statement, so the plan tests can EXPLAIN it.</summary>
    public string PairCounts()
    {
        Parameters.Add("pairLexemes", words.SelectMany(w => w.Lexemes.Concat(w.Within)).Distinct(StringComparer.Ordinal).ToArray());
        // Only a prefix read as such: listed completions are counted alternatives, their pairs read above.
        var prefixes = words.Where(w => w.ReadAsPrefix).Select(w => w.Prefix!).Distinct(StringComparer.Ordinal).ToArray();
        Parameters.Add("pairPrefixes", prefixes);
        // With an unfinished word read as a prefix, each word's largest counted pair with one of its completions (B the
        // prefix as `кутка:*`): the documents holding both match, a lower bound the prefix's own counts cannot give.
        var completionPairs = prefixes.Length == 0 ? "" : """

            union all
            select l.term, w.prefix || ':*', max(c.documents)::bigint, true
            from unnest(@pairLexemes::text[]) as l(term)
            cross join unnest(@pairPrefixes::text[]) as w(prefix)
            cross join lateral (
                select sum(p.documents) as documents
                from (select term_b as completion, documents from read.search_term_pairs
                      where term_a = l.term collate "C" and term_b >= w.prefix collate "C" and term_b < (w.prefix || chr(1114111)) collate "C"
                      union all
                      select term_a, documents from read.search_term_pairs
                      where term_a >= w.prefix collate "C" and term_a < (w.prefix || chr(1114111)) collate "C" and term_b = l.term collate "C"
                      union all
                      select case when term_a = l.term collate "C" then term_b else term_a end, documents from read.search_pair_pending
                      where (term_a = l.term collate "C" and term_b >= w.prefix collate "C" and term_b < (w.prefix || chr(1114111)) collate "C")
                         or (term_b = l.term collate "C" and term_a >= w.prefix collate "C" and term_a < (w.prefix || chr(1114111)) collate "C")) p
                group by p.completion) c
            group by l.term, w.prefix
            """;
        return $"""
            select t.term as a, null as b, t.documents::bigint as documents, exists (select 1 from read.search_pair_terms p where p.term = t.term) as paired
            from read.search_terms t where t.term = any(@pairLexemes::text[] collate "C")
            union all
            select p.term_a, p.term_b, sum(p.documents)::bigint, true
            from (select term_a, term_b, documents from read.search_term_pairs
                  union all
                  select term_a, term_b, documents from read.search_pair_pending) p
            where p.term_a = any(@pairLexemes::text[] collate "C") and p.term_b = any(@pairLexemes::text[] collate "C")
            group by p.term_a, p.term_b{completionPairs}
            """;
    }

    /// <summary>
    /// How many documents hold every word, from <see cref="PairCounts"/>. A word's counted alternatives are its whole words
    /// whose pairs are counted, and such a word within an unfinished one (<see cref="ResolvedTerm.Within"/>); a document
    /// matching the word holds one of them or is <see cref="Uncounted"/>. At least: in a query of two words, the documents
    /// holding a counted alternative of each (the largest pair; each such document matches), or a counted alternative of
    /// one and a counted completion of the other read as a prefix (<see cref="ResolvedTerm.Prefix"/>). At most: for every two words,
    /// the sum of their counted alternatives' pairs, plus what is uncounted of either. A query of three words or more has no
    /// lower bound here.
    /// </summary>
    public (long AtLeast, long AtMost) Bounds(IReadOnlyDictionary<string, (long Documents, bool Paired)> terms, IReadOnlyDictionary<(string, string), long> pairs)
    {
        long atLeast = 0, atMost = long.MaxValue;
        for (var i = 0; i < words.Count; i++)
            for (var j = i + 1; j < words.Count; j++)
            {
                var most = CountedAlternatives(words[i], terms).SelectMany(a => CountedAlternatives(words[j], terms).Select(b => Both(a, b, terms, pairs)))
                    .Aggregate(0L, SearchVocabulary.Saturating);
                atMost = Math.Min(atMost, SearchVocabulary.Saturating(most, SearchVocabulary.Saturating(Uncounted(words[i], terms), Uncounted(words[j], terms))));
                if (words.Count == 2) atLeast = AtLeastBoth(words[i], words[j], terms, pairs);
            }
        return (atLeast, atMost);
    }

    /// <summary>At least the documents holding both words: the largest counted pair of their alternatives, or of an
    /// alternative of one and a counted completion of the other read as a prefix.</summary>
    static long AtLeastBoth(ResolvedTerm x, ResolvedTerm y, IReadOnlyDictionary<string, (long Documents, bool Paired)> terms,
        IReadOnlyDictionary<(string, string), long> pairs)
    {
        var counted = CountedAlternatives(x, terms).SelectMany(a => CountedAlternatives(y, terms).Select(b => Both(a, b, terms, pairs))).DefaultIfEmpty(0).Max();
        return Math.Max(counted, Math.Max(WithCompletion(x, y), WithCompletion(y, x)));

        // The documents of the largest counted pair of a word's alternative and one of the other's completions.
        long WithCompletion(ResolvedTerm word, ResolvedTerm unfinished) => unfinished.Prefix is not { } prefix ? 0
            : CountedAlternatives(word, terms).Select(a => pairs.GetValueOrDefault((a, $"{prefix}:*"))).DefaultIfEmpty(0).Max();
    }

    /// <summary>The documents holding two counted words; one word standing for both: each document holding it holds "both".</summary>
    static long Both(string a, string b, IReadOnlyDictionary<string, (long Documents, bool Paired)> terms, IReadOnlyDictionary<(string, string), long> pairs) =>
        a == b ? terms[a].Documents : Pair(pairs, a, b);

    /// <summary>
    /// What the counted pairs alone say the matches are: for every two words, the sum of their counted alternatives'
    /// pairs; the smallest over the query's word pairs. Unlike <see cref="Bounds"/>' most, it leaves out what is
    /// uncounted — a place's other names, which most often do not hold the other word (`ПХВ Астана`: a bound above 10,000
    /// from Астана's five names, 3,760 matches).
    /// </summary>
    public long PairSum(IReadOnlyDictionary<string, (long Documents, bool Paired)> terms, IReadOnlyDictionary<(string, string), long> pairs)
    {
        var sum = long.MaxValue;
        for (var i = 0; i < words.Count; i++)
            for (var j = i + 1; j < words.Count; j++)
                sum = Math.Min(sum, CountedAlternatives(words[i], terms)
                    .SelectMany(a => CountedAlternatives(words[j], terms).Select(b => Both(a, b, terms, pairs)))
                    .Aggregate(0L, SearchVocabulary.Saturating));
        return sum;
    }

    static List<string> CountedAlternatives(ResolvedTerm word, IReadOnlyDictionary<string, (long Documents, bool Paired)> terms) =>
        [.. word.Lexemes.Concat(word.Within).Distinct(StringComparer.Ordinal).Where(l => terms.TryGetValue(l, out var t) && t.Paired)];

    /// <summary>At most the documents matching a word without holding a counted alternative: its whole words whose pairs
    /// are not counted, and its other alternatives less the counted words within them.</summary>
    static long Uncounted(ResolvedTerm word, IReadOnlyDictionary<string, (long Documents, bool Paired)> terms)
    {
        long Documents(string l) => terms.TryGetValue(l, out var t) ? t.Documents : 0;
        var counted = CountedAlternatives(word, terms);
        var others = word.OthersAtMost == long.MaxValue ? long.MaxValue
            : Math.Max(0, word.OthersAtMost - counted.Where(word.Within.Contains).Sum(Documents));
        return word.Lexemes.Where(l => !counted.Contains(l)).Aggregate(others, (sum, l) => SearchVocabulary.Saturating(sum, Documents(l)));
    }

    static long Pair(IReadOnlyDictionary<(string, string), long> pairs, string x, string y) =>
        pairs.GetValueOrDefault(string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x));

    /// <summary>Two of the words, as "each word and any rarer one" (ordered most common first): the full-text index then
    /// reads a common word's postings only where a rarer word is (all pairs written out made it read most of "тоо"'s
    /// 600,000: 3,000 buffers, then 583).</summary>
    static IEnumerable<string> AnyTwo(IReadOnlyList<string> lexemes) => lexemes.SkipLast(1).Select((a, i) =>
        $"{SearchVocabulary.Quote(a)} & ({string.Join(" | ", lexemes.Skip(i + 1).Select(SearchVocabulary.Quote))})");

    /// <summary>
    /// The exact total and facets of two broad words from their counted pairs' facets (read.search_term_pair_facets,
    /// migration 0205, with what is still queued: 0330), without reading their matches: exact as they are when each word
    /// is one counted word and nothing else (`ТОО Холдинг`: <see cref="Bounds"/> least equals most), else corrected by
    /// the documents that match without holding exactly one counted alternative of each word (`Almaty Servis`: 10,202,
    /// where the bounds leave open whether more than 10,000 match) — an alternative whose pairs are not counted (a rare
    /// word, a phrase, the other completions of an unfinished word) or two counted alternatives of one word —, read by
    /// the full-text index (at most <see cref="ResidualCap"/>), each counting 1 less the times the pairs counted it. Null
    /// when those documents are likely more (from the same counts), when a word is a prefix of many words, or when the
    /// words share an alternative.
    /// One row: residual (the documents read; above the cap the counts are not to be used), total and facets.
    /// </summary>
    public string? PairTotals(IReadOnlyDictionary<string, (long Documents, bool Paired)> terms, IReadOnlyDictionary<(string, string), long> pairs)
    {
        // A prefix of many words makes the full-text index collect every completion's postings (18 ms for `лифт:*` at
        // 1M, twice in this statement): the sample is cheaper then.
        if (words is not [var a, var b] || a.Others.Concat(b.Others).Any(o => o.EndsWith(":*", StringComparison.Ordinal))) return null;
        var (ca, cb) = (CountedAlternatives(a, terms), CountedAlternatives(b, terms));
        if (ca.Intersect(cb, StringComparer.Ordinal).Any()) return null;
        var (pa, pb) = (Uncovered(ca, terms, pairs), Uncovered(cb, terms, pairs));
        var residualAtMost = new[] { Uncounted(a, terms), Uncounted(b, terms), TwoOfOne(pa), TwoOfOne(pb) }.Aggregate(SearchVocabulary.Saturating);
        // What each word leaves uncounted, with the other word: each alternative implies its word, so `a & b & rest of a`
        // is `rest of a & b`. As one tsquery of both words and every alternative, the index merged all their postings
        // for each candidate (`Астана Газ` at 1M: 38.6 ms); as up to four narrower scans, 20.7.
        List<string> residualScans = [.. WithOther(Rest(a, ca), b), .. WithOther(Rest(b, cb), a), .. WithOther(AnyTwo(pa), b), .. WithOther(AnyTwo(pb), a)];
        // The bound counts the rest's documents whether or not they hold the other word, which most do not (at 1M: the
        // other names of Астана, 6,000 documents, of which about 500 hold `курилис`); the statement stops at the cap.
        if (residualAtMost > 10 * ResidualCap) return null;
        var residualRows = "select null::text as kind, null::text as status, null::text as region, 0::bigint as n where false";
        if (residualScans.Count > 0)
        {
            Parameters.Add("pairedA", pa.ToArray());
            Parameters.Add("pairedB", pb.ToArray());
            for (var i = 0; i < residualScans.Count; i++) Parameters.Add($"pairResidual{i}", residualScans[i]);
            Parameters.Add("residualCap", ResidualCap + 1);
            residualRows = $"""
                select d.kind, d.status, d.region,
                       1 - (length(d.search) - length(ts_delete(d.search, @pairedA::text[])))
                         * (length(d.search) - length(ts_delete(d.search, @pairedB::text[]))) as n
                from read.search_rows d
                where {string.Join(" or ", residualScans.Select((_, i) => $"d.search @@ to_tsquery('simple', @pairResidual{i})"))}
                limit @residualCap
                """;
        }
        return $"""
            with residual as materialized ({residualRows}),
            combos as (
                {CountedPairFacets(pa, pb)}
                union all
                select kind, status, region, n from residual)
            select (select count(*) from residual) as residual,
                   (select coalesce(sum(n), 0) from combos)::bigint as total,
                   ({Facets("combos", "1", "sum(n)")}) as facets
            """;

        // Alternatives of one word as one scan, with the other word.
        static IEnumerable<string> WithOther(IEnumerable<string> alternatives, ResolvedTerm other) =>
            alternatives.Any() ? [$"({string.Join(" | ", alternatives.Select(q => $"({q})"))}) & ({other.TsQuery})"] : [];
        // At most the documents holding two counted alternatives of one word.
        long TwoOfOne(List<string> p) => p.SelectMany((x, i) => p.Skip(i + 1).Select(y => Pair(pairs, x, y))).Aggregate(0L, SearchVocabulary.Saturating);
        // What of a word is not a counted alternative: its other whole words, and its other alternatives without the
        // counted words within them (an unfinished word's other completions).
        static IEnumerable<string> Rest(ResolvedTerm word, List<string> counted) =>
            word.Lexemes.Where(l => !counted.Contains(l)).Select(SearchVocabulary.Quote)
                .Concat(word.Others.Select(o => word.Within.Where(counted.Contains).Aggregate(o, (q, w) => $"{q} & !{SearchVocabulary.Quote(w)}")));
    }

    /// <summary>
    /// The approximate facets of two broad words their counted pairs prove broad (<see cref="Bounds"/>' least above
    /// 10,000): the counted pairs' facets summed, without the documents matching by an alternative whose pairs are not
    /// counted (a place's name of two words, an unfinished word's other completions). They are a few hundred index rows,
    /// where the facet sample reads 2 % of the registry's pages (`Almaty Servis` at 1M: 9 ms of its 20; 11,559 of its
    /// matches are in the counted pair). Null for other queries, or when the words share an alternative.
    /// </summary>
    public string? ApproximatePairFacets(IReadOnlyDictionary<string, (long Documents, bool Paired)> terms, IReadOnlyDictionary<(string, string), long> pairs)
    {
        if (words is not [var a, var b]) return null;
        var (ca, cb) = (CountedAlternatives(a, terms), CountedAlternatives(b, terms));
        if (ca.Count == 0 || cb.Count == 0 || ca.Intersect(cb, StringComparer.Ordinal).Any()) return null;
        return $"""
            with combos as ({CountedPairFacets(Uncovered(ca, terms, pairs), Uncovered(cb, terms, pairs))})
            select ({Facets("combos", "1", "sum(n)")}) as facets
            """;
    }

    /// <summary>The facets of every counted pair of one word's alternatives and the other's (read.search_term_pair_facets,
    /// migration 0205, with what is still queued: 0330), as rows of kind, status, region and documents.</summary>
    string CountedPairFacets(List<string> pa, List<string> pb)
    {
        var counted = pa.SelectMany(x => pb.Select(y => string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x))).ToList();
        Parameters.Add("pairsA", counted.Select(p => p.Item1).ToArray());
        Parameters.Add("pairsB", counted.Select(p => p.Item2).ToArray());
        return """
            select f.kind, f.status, nullif(f.region, '') as region, f.documents::bigint as n
            from unnest(@pairsA::text[], @pairsB::text[]) as p(a, b)
            join read.search_term_pair_facets f on f.term_a = p.a collate "C" and f.term_b = p.b collate "C"
            where f.documents > 0
            union all
            select f.kind, f.status, nullif(f.region, ''), f.documents
            from read.search_pair_pending f
            where (f.term_a, f.term_b) in (select a collate "C", b collate "C" from unnest(@pairsA::text[], @pairsB::text[]) as p(a, b))
            """;
    }

    /// <summary>A word's counted alternatives less each that every document of which holds another (`газбен` and
    /// `газоснабжение`, one code's two names): the other counts them, so it is left out of the pairs and of the documents
    /// holding two alternatives, which it would otherwise make as many as it has. Of two that hold each other, the first
    /// in order stays.</summary>
    static List<string> Uncovered(List<string> counted, IReadOnlyDictionary<string, (long Documents, bool Paired)> terms,
        IReadOnlyDictionary<(string, string), long> pairs) =>
        [.. counted.Where(y => !counted.Any(x => x != y && Pair(pairs, x, y) == terms[y].Documents
            && (terms[x].Documents > terms[y].Documents || string.CompareOrdinal(x, y) < 0)))];

    /// <summary>At most this many documents may hold two of a word's alternatives (or a phrase alternative) for
    /// <see cref="TermCounts"/> to count them; beyond, the query is counted as any other.</summary>
    public const int ResidualCap = 5_000;

    /// <summary>A broad word's facets otherwise come from a sample of about this many pages (<see cref="SamplePercent"/>):
    /// exact counts are preferred while their correction reads about as little.</summary>
    public const int SampleBudget = 1_000;

    /// <summary>Whether <see cref="TermCounts"/> is worth trying: the documents it reads are estimated from the words'
    /// counts — a phrase alternative's rarest word, and a quarter of the pairs' bound, which assumes the rarer of two
    /// names is always beside the other while the 1M registry holds a fifth to a tenth of that (Шымкент and Чимкент:
    /// 473 documents of a bound of 2,651; the five names of Астана: 3,122 of 12,000) — and compared with what the
    /// query costs otherwise: a sample when it is known to be broad, else counting up to 10,001 matches.</summary>
    bool ResidualLikelySmall(ResolvedTerm word)
    {
        var budget = KnownBroad ? SampleBudget : ResidualCap;
        // An unbounded alternative (a prefix of more than 32 words: "астана" begins 334) is long.MaxValue: compared
        // before it is added, which would overflow to a negative sum and let a residual of the cap be read for nothing.
        return word.OthersAtMost <= budget && word.OthersAtMost + word.PairsAtMost / 4 <= budget;
    }

    /// <summary>
    /// The exact total and facets of a one-word query from read.search_term_facets (migration 0202), without reading
    /// the matches: the sum of its whole-word alternatives' per-word counts, corrected by the few documents that hold
    /// two alternatives (counted twice) or match a phrase or prefix alternative only (not counted), which the
    /// full-text index finds (at most <see cref="ResidualCap"/>, bounded beforehand from the words' counts). Null when the query is not one word
    /// without a number or BIN reading, filtered by kind, status and region at most; sorted by date or number, also when
    /// its words hold 10,000 documents or fewer (only a total above 10,000 spares that sort's count). One row: residual (the
    /// documents read; above the cap the counts are not to be used), total, facets, and the registry's size.
    /// </summary>
    public string? TermCounts()
    {
        if (singleWord is not { Lexemes.Count: > 0 } word || !ResidualLikelySmall(word) || filtersBeyondFacets || !wordsOnly
            || (Request.Sort != SearchSort.Relevance && word.AtLeast <= SearchPage.ExactTotalLimit))
            return null;
        var residual = string.Join(" | ", word.Others.Concat(AnyTwo(word.Lexemes)).Select(q => $"({q})"));
        Parameters.Add("lexemes", word.Lexemes.ToArray());
        Parameters.Add("residual", residual);
        Parameters.Add("residualCap", ResidualCap + 1);
        // A residual document counts 1 less the number of whole-word alternatives it holds (each counted it once): the
        // lexemes ts_delete takes away. A subquery over the unnested tsvector counted the same at three times the cost.
        var residualRows = residual.Length == 0 ? "select null::text as kind, null::text as status, null::text as region, 0::bigint as n where false" : $"""
            select d.kind, d.status, d.region,
                   1 - (length(d.search) - length(ts_delete(d.search, @lexemes::text[]))) as n
            from read.search_rows d where d.search @@ to_tsquery('simple', @residual) and {IndexedFilters} limit @residualCap
            """;
        return $"""
            with residual as materialized ({residualRows}),
            combos as (
                select f.kind, f.status, nullif(f.region, '') as region, f.documents::bigint as n
                from read.search_term_facets f where f.term = any(@lexemes::text[] collate "C") and f.documents > 0 and {TermFilters}
                union all
                select kind, status, region, n from residual)
            select (select count(*) from residual) as residual,
                   (select coalesce(sum(n), 0) from combos)::bigint as total,
                   ({Facets("combos", "1", "sum(n)")}) as facets,
                   (select reltuples from pg_class where oid = 'read.search_rows'::regclass)::bigint as documents
            """;
    }

    /// <summary>Whether walking the ordered index to the page (about limit × documents / matches entries) costs less than
    /// ranking every match (<see cref="Counted"/> reads each of them). An entry costs a fraction of a match: the walk tests
    /// an index entry in memory (0.2 µs at 1M), the count visits a heap page per match (3 µs and more); a quarter of that
    /// ratio is counted, as matches are not spread evenly over the order. Sorted by date or number, the walk fetches each
    /// entry's row to test the words, so it is not cheaper.</summary>
    public bool WalkIsCheaper(long matches, long documents) =>
        Request.Sort == SearchSort.Relevance && matches > 0 && (double)(Request.Limit + 1) * Math.Max(documents, matches) / matches < EntriesPerMatch * Math.Min(matches, SearchPage.ExactTotalLimit + 1);

    const int EntriesPerMatch = 4;

    /// <summary>With a number or BIN reading (a partial BIN, digits that may be in a name), sorted by relevance, each
    /// reading is read from its own structure instead of one scan of read.documents visiting a 1 KB row per match: the
    /// identifier readings from covering indexes on read.documents (migration 0203: kind, status, region and order in
    /// the index, so an index-only scan), the words from read.search_rows; a document found by two keeps its best tier.</summary>
    bool ReadEachReading => Request.Sort == SearchSort.Relevance && tiers.Any(t => !IsName(t)) && !Intent.IsEverything;

    static bool IsName(PlannedTier t) => t.Tier is SearchTier.Phrase or SearchTier.AllWords;

    /// <summary>One bounded select per reading (see <see cref="ReadEachReading"/>); for the facets of a broad query
    /// (<paramref name="facetsOnly"/>) the identifier readings alone, weighted 1.</summary>
    List<string> Readings(bool facetsOnly)
    {
        var selects = tiers.Where(t => !IsName(t)).Select(t => facetsOnly
                ? $"(select d.kind, d.status, d.region, 1.0 as w from read.documents d where {t.Predicate} and {Filters} limit @cap)"
                : $"(select d.document_id, d.kind, d.status, d.region, {(int)t.Tier} as tier, {t.SortKey} as sort_key from read.documents d where {t.Predicate} and {Filters} limit @cap)")
            .ToList();
        if (!facetsOnly && tiers.FirstOrDefault(t => t.Tier == SearchTier.AllWords) is { } words)
        {
            var tier = tiers.FirstOrDefault(t => t.Tier == SearchTier.Phrase) is { } phrase
                ? $"case when {phrase.Predicate} then {(int)SearchTier.Phrase} else {(int)SearchTier.AllWords} end"
                : ((int)SearchTier.AllWords).ToString(System.Globalization.CultureInfo.InvariantCulture);
            selects.Add($"(select d.document_id, d.kind, d.status, d.region, {tier} as tier, {words.SortKey} as sort_key from read.search_rows d where {words.IndexCondition} and {IndexedFilters} limit @cap)");
        }
        return selects;
    }

    /// <summary>The tiers whose union is every match: a phrase match also holds all the words, so the phrase tier adds
    /// nothing to the match (only to the order) — leaving it out spares the full-text index a second, positional scan.</summary>
    IEnumerable<PlannedTier> Matching => tiers.Any(t => t.Tier == SearchTier.AllWords) ? tiers.Where(t => t.Tier != SearchTier.Phrase) : tiers;

    /// <summary>A name tier is walked in search_order with its match tested on each index entry: "is true" keeps the
    /// planner off the full-text index, which would collect every match before sorting them.</summary>
    static string Walkable(PlannedTier t) => t.Tier is SearchTier.Phrase or SearchTier.AllWords && t.Predicate != "true" ? $"({t.Predicate}) is true" : t.Predicate;

    /// <summary>A sample of about a thousand matches: the fewer documents match, the more pages are read (0.2 % to 2 %).</summary>
    double SamplePercent() => Math.Clamp(100.0 * 1000 / Math.Max(AtLeast, SearchPage.ExactTotalLimit), 0.2, 2.0);

    static string Facets(string from, string scale, string count = "count(*)") => $"""
        select coalesce(json_agg(json_build_object('facet', f.facet, 'value', f.value, 'count', f.n)), '[]')
        from (select case when grouping(kind) = 0 then 'kind' when grouping(status) = 0 then 'status' else 'region' end as facet,
                     coalesce(kind, status, region) as value, round({count} * {scale})::bigint as n
              from {from} group by grouping sets ((kind), (status), (region))) f
        where f.value is not null and f.n > 0
        """;

    const string Items = """
        select coalesce(json_agg(json_build_object(
                   'documentId', d.document_id, 'tier', p.tier, 'sortKey', p.sort_key, 'kind', d.kind, 'number', d.number, 'status', d.status,
                   'issuedOn', d.issued_on, 'validUntil', d.valid_until, 'holderName', d.holder_name,
                   'holderFormerNames', coalesce(d.public_json -> 'holder' -> 'formerNames', '[]'), 'holderIdentifier', d.holder_identifier,
                   'region', d.region) order by p.order_tier, p.sort_key collate "C", p.document_id), '[]')
        from page p join read.documents d on d.document_id = p.document_id
        """;
}
