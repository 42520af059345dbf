using Dapper;
using Npgsql;
using Registry.Domain.Search;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>A query word resolved against the registry's vocabulary: the full-text query that matches it, and a count of
/// documents that certainly match it (the largest single word it stands for), which proves a broad query broad
/// without counting. The query is the alternatives <see cref="Lexemes"/> (whole indexed words, which
/// read.search_term_facets counts; the most common first) or <see cref="Others"/> (phrases and prefixes, as tsquery text). Per-word counts miscount
/// the documents that match an other alternative (at most <see cref="OthersAtMost"/>) or hold two of the whole words (at
/// most <see cref="PairsAtMost"/>). <see cref="Within"/>: whole words an other alternative matches, whose documents
/// <see cref="OthersAtMost"/> includes (an unfinished word read as a prefix of many words is, when indexed, itself a word: `астана`).
/// <see cref="LexemeDocuments"/>, <see cref="WithinDocuments"/>, <see cref="PairedLexemeDocuments"/> (the whole words
/// indexed in pairs): the documents of each, summed. <see cref="LongerPrefixes"/>: for
/// an unfinished word read as a prefix that is itself a word of more than 10,000 documents, the prefixes one letter
/// longer that its other completions begin with (`астана`: `астанаа`, `астанаб`, …), so the word and the rest of its
/// completions can be looked up apart. <see cref="Prefix"/>: the unfinished word the term completes, typed alone (`кутка`,
/// read as `кутка:*`; `пром`, read as its 22 completions): every document holding a word it begins matches.
/// <see cref="FirstOrder"/>: no document the term matches comes before this place in the search order (migration 0360);
/// null when that is not known.</summary>
public sealed record ResolvedTerm(string TsQuery, long AtLeast, IReadOnlyList<string> Lexemes, IReadOnlyList<string> Others, long OthersAtMost, long PairsAtMost,
    IReadOnlyList<string> Within, long LexemeDocuments, long WithinDocuments, IReadOnlyList<string>? LongerPrefixes = null, string? Prefix = null,
    long? FirstOrder = null, IReadOnlyList<string>? Paired = null, long PairedLexemeDocuments = 0)
{
    /// <summary>Whether a whole word of the term, or the word within it, is one of the words indexed in pairs
    /// (read.paired_words, migration 0390).</summary>
    public bool IsPaired(string lexeme) => Paired?.Contains(lexeme, StringComparer.Ordinal) == true;

    /// <summary>At most the documents the word matches: its whole words' and its other alternatives'.</summary>
    public long DocumentsAtMost => SearchVocabulary.Saturating(LexemeDocuments, OthersAtMost);

    /// <summary>The alternatives as a row is quickest tested against them: an unfinished word's completions as its prefix
    /// (`'пром':*`: one look into a row's words instead of 22, each a search of its sorted lexemes — at 1M, a phrase
    /// tested on each of `Строй Пром`'s 6,601 matches took 10–14 ms as the list and 3–4 as the prefix). The full-text
    /// index is asked <see cref="TsQuery"/>: it reads listed words' postings as they are needed, but gathers a prefix's
    /// every completion before it can intersect them.</summary>
    public IReadOnlyList<string> RowAlternatives => Prefix is not { } prefix
        ? [.. Lexemes.Select(SearchVocabulary.Quote), .. Others]
        : [SearchVocabulary.QuotePrefix(prefix), .. Lexemes.Where(l => !l.StartsWith(prefix, StringComparison.Ordinal)).Select(SearchVocabulary.Quote),
            .. Others.Where(o => o != SearchVocabulary.QuotePrefix(prefix))];

    /// <summary>The unfinished word is asked of the index as a prefix (`'кутка':*`), its completions being too many to list.</summary>
    public bool ReadAsPrefix => Prefix is { } prefix && Others.Contains(SearchVocabulary.QuotePrefix(prefix));
}

/// <summary>
/// Reads the query's words against read.search_terms (every indexed word and how many documents hold it) in one round
/// trip. The query's unfinished last word becomes the few whole words it begins, when there are few (exact words are cheaper for
/// the full-text index than a prefix, which collects every match of every completion); a word that begins no indexed
/// word and has five letters or more is corrected to the words one edit away that exist (a second round trip, only then).
/// </summary>
public static class SearchVocabulary
{
    /// <summary>Up to this many completions, an unfinished word is matched as the list of words (and counted from the
    /// per-word counts: "тоо" begins 17 words); beyond, as a prefix.</summary>
    public const int MaxCompletions = 32;

    // With each unfinished word, the documents all its completions hold together (at most the documents it matches), the
    // first place in the search order of any of them (null when one is not known), and
    // the most any one of them holds (at least the documents it matches), and when the word itself is broad, the prefixes
    // one letter longer that its other completions begin with. `offset 0` keeps those prefixes computed once per word: the
    // planner otherwise put them in the final projection, once per completion row (`Алматы Кен`: 33 times over the 834
    // words `кен` begins, 5.5 ms of a 9 ms search at 1M). Public for the plan test that pins it.
    public const string Lookup = """
        select l.i::int as word, t.term, t.documents, t.term = any(read.paired_words()) as paired, t.first_order, c.completions, c.largest, c.continuations, c.first_order as completions_first_order
        from unnest(@words::text[], @prefixes::bool[]) with ordinality as l(word, prefix, i)
        cross join lateral (
            select a.completions, a.largest, a.first_order,
                   case when l.prefix and exists (select 1 from read.search_terms w where w.term = l.word collate "C" and w.documents > @broad) then
                       array(select distinct left(s.term, char_length(l.word) + 1) from read.search_terms s
                             where s.term > l.word collate "C" and s.term < (l.word || chr(1114111)) collate "C" and s.documents > 0) end as continuations
            from (select sum(s.documents)::bigint as completions, max(s.documents)::bigint as largest,
                         case when bool_and(s.first_order is not null or s.documents <= 0) then min(s.first_order) filter (where s.documents > 0) end as first_order
                  from read.search_terms s
                  where l.prefix and s.term >= l.word collate "C" and s.term < (l.word || chr(1114111)) collate "C") a offset 0) c
        cross join lateral (
            select s.term, s.documents, s.first_order from read.search_terms s
            where s.term >= l.word collate "C" and s.term < (l.word || case when l.prefix then chr(1114111) else chr(1) end) collate "C" and s.documents > 0
            order by s.term limit @limit) t
        """;

    /// <summary>The indexed words among a word's one-edit variants, the most held first: one index lookup per variant.
    /// As `term = any(@variants)` the planner read the whole vocabulary for the few hundred variants of a word (70,000
    /// rows, 6 ms at 1M documents, against 1). Public for the plan tests.</summary>
    public const string Corrections = """
        select v.term, t.documents, v.term = any(read.paired_words()) as paired, t.first_order from unnest(@variants::text[]) as v(term)
        cross join lateral (select s.documents, s.first_order from read.search_terms s where s.term = v.term collate "C" and s.documents > 0 limit 1) t
        order by t.documents desc, v.term collate "C" limit @limit
        """;

    /// <summary>One resolved term per query term, or null when a term matches no indexed word even with one typo.</summary>
    public static async Task<IReadOnlyList<ResolvedTerm>?> ResolveAsync(NpgsqlConnection conn, IReadOnlyList<QueryTerm> terms, CancellationToken ct)
    {
        // Every word to look up: a term's typed words (the last as a prefix) and its place's other names (whole words).
        var lookups = new List<(string Word, bool Prefix)>();
        int Index(string word, bool prefix)
        {
            var i = lookups.IndexOf((word, prefix));
            if (i < 0) lookups.Add((word, prefix));
            return i < 0 ? lookups.Count - 1 : i;
        }
        // Only the query's last word may be unfinished: a word followed by another was typed to its end.
        var plans = terms.Select((t, n) => (
            Typed: t.Words.Select((w, i) => Index(w, n == terms.Count - 1 && i == t.Words.Count - 1)).ToArray(),
            Others: t.OtherNames.Select(name => name.Select(w => Index(w, false)).ToArray()).ToArray(),
            AlsoBegins: n == terms.Count - 1 && t.AlsoBegins is { } also ? Index(also, true) : (int?)null)).ToArray();

        var found = lookups.Select(_ => new List<(string Term, long Documents)>()).ToArray();
        // Where each looked-up word's documents begin in the search order: an unfinished word's over all its completions.
        var firstOrders = new long?[lookups.Count];
        var completions = new long[lookups.Count];
        var largest = new long[lookups.Count];
        var continuations = new string[]?[lookups.Count];
        // The words indexed in pairs (migration 0390) among those found.
        var paired = new HashSet<string>(StringComparer.Ordinal);
        var rows = await conn.QueryAsync<(int Word, string Term, long Documents, bool Paired, long? FirstOrder, long? Completions, long? Largest, string[]? Continuations,
            long? CompletionsFirstOrder)>(new CommandDefinition(Lookup,
            new { words = lookups.Select(l => l.Word).ToArray(), prefixes = lookups.Select(l => l.Prefix).ToArray(), limit = MaxCompletions + 1,
                broad = SearchPage.ExactTotalLimit },
            cancellationToken: ct));
        foreach (var row in rows)
        {
            found[row.Word - 1].Add((row.Term, row.Documents));
            if (row.Paired) paired.Add(row.Term);
            firstOrders[row.Word - 1] = lookups[row.Word - 1].Prefix ? row.CompletionsFirstOrder : row.FirstOrder;
            completions[row.Word - 1] = row.Completions ?? 0;
            largest[row.Word - 1] = row.Largest ?? 0;
            continuations[row.Word - 1] = row.Continuations;
        }

        // The most documents one of a looked-up word's completions holds, listed or not.
        long MostHeld(int lookup) => Math.Max(found[lookup].Max(f => f.Documents), largest[lookup]);

        var resolved = new List<ResolvedTerm>();
        for (var t = 0; t < terms.Count; t++)
        {
            var lexemes = new Dictionary<string, long>(StringComparer.Ordinal);
            var others = new List<string>();
            long othersAtMost = 0;
            var within = new List<string>();
            long withinDocuments = 0;
            IReadOnlyList<string>? longerPrefixes = null;
            string? prefix = null;
            // The earliest first place of the alternatives; unknown when one alternative's is.
            var firstOrder = new FirstOrderBound();
            void Add(IReadOnlyList<string> words, Func<int, (List<(string Term, long Documents)> Lexemes, string Query, long AtMost)> read, Func<int, long?> first)
            {
                var parts = words.Select((_, i) => read(i)).ToList();
                if (parts is [{ Lexemes: { Count: > 0 } single }])
                    foreach (var (term, documents) in single) lexemes[term] = documents;
                else
                {
                    others.Add(Phrase(parts.Select(p => p.Query)));
                    // A phrase matches no more documents than its rarest word, a prefix than its completions hold together.
                    othersAtMost = Saturating(othersAtMost, parts.Min(p => p.AtMost));
                }
                // A phrase's documents hold each of its words: they begin where its latest-beginning word's do.
                firstOrder.Add(words.Select((_, i) => first(i)).Where(f => f is not null).Max());
            }
            long atLeast = 0;
            var (typed, otherNames, alsoBegins) = plans[t];
            if (typed.All(i => found[i].Count > 0))
            {
                Add(typed.Select(i => lookups[i].Word).ToList(), i => Words(lookups[typed[i]].Word, found[typed[i]], lookups[typed[i]].Prefix, completions[typed[i]]),
                    i => firstOrders[typed[i]]);
                // An unfinished word's most held completion may lie beyond the few listed (`с` lists `с`, `са`, `саа`, …).
                if (typed.Length == 1) atLeast = MostHeld(typed[0]);
                if (typed is [var unfinished] && lookups[unfinished].Prefix) prefix = lookups[unfinished].Word;
                if (typed is [var only] && lookups[only].Prefix && found[only].Count > MaxCompletions && found[only][0].Term == lookups[only].Word)
                {
                    within.Add(lookups[only].Word);
                    withinDocuments += found[only][0].Documents;
                    longerPrefixes = continuations[only];
                }
            }
            // The word as the beginning of a Latin digraph's letter ("Tec": теч…) is more of its completions.
            if (alsoBegins is { } also && found[also].Count > 0)
            {
                Add([lookups[also].Word], _ => Words(lookups[also].Word, found[also], true, completions[also]), _ => firstOrders[also]);
                atLeast = Math.Max(atLeast, MostHeld(also));
            }
            foreach (var name in otherNames.Where(name => name.All(i => found[i].Count > 0)))
            {
                Add(name.Select(i => lookups[i].Word).ToList(), i => (found[name[i]], Quote(lookups[name[i]].Word), found[name[i]].Sum(f => f.Documents)),
                    i => firstOrders[name[i]]);
                if (name.Length == 1) atLeast = Math.Max(atLeast, found[name[0]][0].Documents);
            }
            if (lexemes.Count + others.Count == 0 && typed.Length == 1 && otherNames.Length == 0 && Typos.MayCorrect(lookups[typed[0]].Word))
            {
                var corrections = (await conn.QueryAsync<(string Term, long Documents, bool Paired, long? FirstOrder)>(new CommandDefinition(Corrections,
                    new { variants = Typos.OneEditAway(lookups[typed[0]].Word).ToArray(), limit = MaxCompletions }, cancellationToken: ct))).AsList();
                if (corrections.Count > 0)
                {
                    // A corrected place name brings its other names, looked up as if it had been typed right (a third
                    // round trip, only then): their counts make the query's total and facets countable from per-word counts.
                    foreach (var (term, documents, isPaired, first) in corrections)
                    {
                        lexemes[term] = documents;
                        if (isPaired) paired.Add(term);
                        firstOrder.Add(first);
                    }
                    atLeast = corrections[0].Documents;
                    var names = corrections.SelectMany(c => PlaceNames.Default.OtherNames(c.Term)).ToList();
                    var nameWords = names.SelectMany(n => n).Distinct(StringComparer.Ordinal).ToArray();
                    var nameRows = (await conn.QueryAsync<(int Word, string Term, long Documents, bool Paired, long? FirstOrder)>(new CommandDefinition(Lookup,
                            new { words = nameWords, prefixes = nameWords.Select(_ => false).ToArray(), limit = MaxCompletions + 1, broad = SearchPage.ExactTotalLimit },
                            cancellationToken: ct))).AsList();
                    paired.UnionWith(nameRows.Where(r => r.Paired).Select(r => r.Term));
                    var counts = nameRows.ToLookup(r => nameWords[r.Word - 1], r => (r.Term, r.Documents), StringComparer.Ordinal);
                    var nameFirst = nameRows.ToDictionary(r => nameWords[r.Word - 1], r => r.FirstOrder, StringComparer.Ordinal);
                    foreach (var name in names.Where(name => name.All(w => counts[w].Any())))
                    {
                        Add(name, i => (counts[name[i]].ToList(), Quote(name[i]), counts[name[i]].Sum(c => c.Documents)), i => nameFirst[name[i]]);
                        if (name.Length == 1) atLeast = Math.Max(atLeast, counts[name[0]].First().Documents);
                    }
                }
            }
            if (lexemes.Count + others.Count == 0) return null;
            // Two whole words in one document are no more documents than the rarer word holds.
            var words = lexemes.Values.Order().ToList();
            var pairs = words.Select((documents, i) => documents * (words.Count - 1 - i)).Aggregate(0L, Saturating);
            var byDocuments = lexemes.OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key).ToList();
            resolved.Add(new ResolvedTerm(Alternatives([.. byDocuments.Select(Quote), .. others]), atLeast, byDocuments, others, othersAtMost, pairs, within,
                lexemes.Values.Aggregate(0L, Saturating), withinDocuments, longerPrefixes, prefix, firstOrder.Value, [.. byDocuments.Concat(within).Where(paired.Contains)],
                lexemes.Where(l => paired.Contains(l.Key)).Select(l => l.Value).Aggregate(0L, Saturating)));
        }
        return resolved;
    }

    /// <summary>A finished word as itself; an unfinished one as its completions, or as a prefix when they are many (then
    /// no whole words: a prefix is not counted per word). With the documents each whole word is in, and at most the
    /// documents it matches (<paramref name="all"/>: what all of a prefix's completions hold).</summary>
    static (List<(string Term, long Documents)> Lexemes, string Query, long AtMost) Words(string word, List<(string Term, long Documents)> completions, bool prefix,
        long all) =>
        !prefix ? (completions, Quote(word), completions.Sum(c => c.Documents))
        : completions.Count > MaxCompletions ? ([], QuotePrefix(word), all)
        : (completions, Alternatives(completions.Select(c => Quote(c.Term))), completions.Sum(c => c.Documents));

    internal static long Saturating(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>The earliest of the alternatives' first places in the search order, or null once one is not known.</summary>
    sealed class FirstOrderBound
    {
        bool unknown;
        long? earliest;

        public void Add(long? first)
        {
            if (first is not { } known) unknown = true;
            else earliest = earliest is { } e ? Math.Min(e, known) : known;
        }

        public long? Value => unknown ? null : earliest;
    }

    static string Phrase(IEnumerable<string> parts) => string.Join(" <-> ", parts);

    /// <summary>Tsquery operands as one: itself when one, else their disjunction in parentheses.</summary>
    internal static string Alternatives(IEnumerable<string> parts)
    {
        var list = parts.ToList();
        return list.Count == 1 ? list[0] : $"({string.Join(" | ", list)})";
    }

    /// <summary>A tsquery operand matching every word that begins with <paramref name="word"/>.</summary>
    internal static string QuotePrefix(string word) => $"{Quote(word)}:*";

    /// <summary>A tsquery operand. Folded words hold only letters and digits, but a quote must never end the operand.</summary>
    internal static string Quote(string word) => $"'{word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>PostgreSQL's "C" order, which the words of a pair are stored in (term_a &lt; term_b, and read.word_pairs): by code point, where
    /// string.CompareOrdinal (by UTF-16 unit) departs from it above U+FFFF.</summary>
    internal static readonly Comparer<string> CollateC = Comparer<string>.Create((x, y) =>
    {
        var (a, b) = (x.EnumerateRunes(), y.EnumerateRunes());
        while (true)
        {
            bool moreA = a.MoveNext(), moreB = b.MoveNext();
            if (!moreA || !moreB) return moreA.CompareTo(moreB);
            if (a.Current != b.Current) return a.Current.Value.CompareTo(b.Current.Value);
        }
    });
}
