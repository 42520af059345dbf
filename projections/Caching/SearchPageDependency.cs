using Registry.Domain.Search;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

/// <summary>What a projector batch changed, as far as search can tell: the changed documents' numbers and BINs, and
/// every word of their search text before and after the change.</summary>
public sealed class SearchTouch(IReadOnlyCollection<string> numbers, IReadOnlyCollection<string> bins, IReadOnlyCollection<string> words)
{
    public IReadOnlyCollection<string> Numbers => numbers;
    public IReadOnlyCollection<string> Bins => bins;
    public IReadOnlyCollection<string> Words => words;

    /// <summary>Every beginning of every word.</summary>
    internal HashSet<string> Beginnings { get; } =
        [.. words.SelectMany(w => Enumerable.Range(1, w.Length).Select(n => w[..n]))];

    /// <summary>Every beginning long enough to be one edit from a word that may be corrected, and each of them with one
    /// letter left out: a typed word is one edit from a beginning when the two share one of these (SearchPageDependency).</summary>
    internal HashSet<string> NearBeginnings { get; } =
        [.. words.SelectMany(w => Enumerable.Range(Typos.MinLength - 1, Math.Max(0, w.Length - Typos.MinLength + 2)).Select(n => w[..n])).SelectMany(SearchPageDependency.WithOneLetterLess)];
}

/// <summary>
/// Which changes can alter a cached search page. A document changes a page only if it matches the page's query before
/// or after the change; that is decided from the query as typed, not from what the vocabulary resolved it to, because a
/// new word can change the resolution itself (a nearer typo correction, another completion). So a page depends on
/// every word that begins with one of its typed words (or a place's other names), every word whose beginning is one edit
/// from a typed word that may be corrected (and the other names of the places such a correction could be), and on
/// the numbers and BINs its number and BIN readings match. Filters and sort are ignored: a document that leaves a
/// filter still matches the words. A query with no words and no number (filters alone) depends on every document.
/// </summary>
public sealed class SearchPageDependency
{
    readonly SearchIntent intent;
    readonly string[] words;
    readonly string[] correctable;

    SearchPageDependency(SearchIntent intent)
    {
        this.intent = intent;
        var typed = intent.Terms.SelectMany(t => t.AlsoBegins is { } also ? t.Words.Append(also) : t.Words).Distinct(StringComparer.Ordinal).ToArray();
        correctable = [.. typed.Where(Typos.MayCorrect).SelectMany(WithOneLetterLess).Distinct(StringComparer.Ordinal)];
        // A typed word corrected to a place's name brings that place's other names (SearchVocabulary), whichever word of
        // one edit the vocabulary holds then.
        var correctedPlaces = correctable.SelectMany(c => OtherNamesOfPlacesNear.GetValueOrDefault(c) ?? []);
        words = [.. typed.Concat(intent.Terms.SelectMany(t => t.OtherNames).Concat(correctedPlaces).SelectMany(n => n)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The other names of each one-word place name, under the name and under the name with each letter left out:
    /// a typed word is one edit from a place's name only if the two share one of these keys.</summary>
    static readonly Dictionary<string, List<string[]>> OtherNamesOfPlacesNear = PlaceNames.Default.Names
        .Where(name => !name.Contains(' '))
        .SelectMany(name => WithOneLetterLess(name).Distinct(StringComparer.Ordinal).Select(key => (Key: key, Others: PlaceNames.Default.OtherNames(name))))
        .GroupBy(n => n.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.SelectMany(n => n.Others).ToList(), StringComparer.Ordinal);

    public static SearchPageDependency Of(SearchRequest request) => new(SearchIntent.Of(request.Q));

    public bool IsTouchedBy(SearchTouch touch) =>
        (touch.Numbers.Count > 0 && intent.IsEverything)
        || touch.Numbers.Any(n => n == intent.Number
            || (intent.NumberPrefix is { } prefix && n.StartsWith(prefix, StringComparison.Ordinal))
            || (intent.NumberSuffix is { } suffix && n.EndsWith(suffix, StringComparison.Ordinal)))
        || touch.Bins.Any(b => b == intent.Bin || (intent.BinPrefix is { } prefix && b.StartsWith(prefix, StringComparison.Ordinal)))
        || words.Any(touch.Beginnings.Contains)
        || correctable.Any(touch.NearBeginnings.Contains);

    /// <summary>The word itself and the word with each one of its letters left out. Two words are at most one edit apart
    /// (a letter left out, added, changed, or two neighbours swapped) only if they share one of these.</summary>
    public static IEnumerable<string> WithOneLetterLess(string word) => Enumerable.Range(0, word.Length).Select(i => word.Remove(i, 1)).Prepend(word);
}
