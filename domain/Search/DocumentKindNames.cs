using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Domain.Search;

/// <summary>The kind of document a query names, and the rest of the query as typed.</summary>
public sealed record KindInQuery(DocumentKind Kind, string Rest);

/// <summary>
/// Kinds of document named in a query (<c>data/search/document-kinds.csv</c>, shipped inside this assembly): people type what
/// they look for beside whose it is — "разрешение Лифт", "аттестат ТОО Астана Газ", "рұқсат". A word names a kind when it
/// begins with one of the kind's listed beginnings, compared folded (<see cref="SearchText.Fold"/>). An "аттестат
/// аккредитации" is an accreditation certificate, not an attestation. The words that only say "a document of that kind"
/// beside it go with it ("письмо о согласовании" is the agreement letters, all of them).
/// </summary>
public sealed class DocumentKindNames
{
    public static DocumentKindNames Default { get; } = Parse(ShippedData.Read("document-kinds.csv"));

    readonly List<(string Beginning, DocumentKind Kind)> beginnings;
    readonly List<(string Beginning, DocumentKind? Kind)> besideBeginnings;
    readonly List<(string Word, DocumentKind? Kind)> besideWords;

    /// <summary>The words beside a kind at least this long are beginnings; shorter ones whole words.</summary>
    const int BesideBeginningFrom = 4;

    /// <summary><paramref name="beside"/>: the words beside any kind (Kind null) or beside one.</summary>
    DocumentKindNames(List<(string, DocumentKind)> beginnings, IEnumerable<(string Word, DocumentKind? Kind)> beside)
    {
        this.beginnings = beginnings;
        var byLength = beside.ToLookup(b => b.Word.Length >= BesideBeginningFrom);
        besideBeginnings = [.. byLength[true].Select(b => (SearchText.Fold(b.Word), b.Kind))];
        besideWords = [.. byLength[false]];
    }

    /// <summary>The one kind the query's words name, and its other words; null when they name none, or two kinds.</summary>
    public KindInQuery? Find(string? q)
    {
        var words = SearchText.Words(q);
        var named = words.Select(w => KindOf(SearchText.Fold(w))).ToArray();
        var kinds = named.OfType<DocumentKind>().Distinct().ToList();
        if (kinds is [DocumentKind.Attestation, DocumentKind.Accreditation] or [DocumentKind.Accreditation, DocumentKind.Attestation]) kinds = [DocumentKind.Accreditation];
        return kinds is [var kind] ? new(kind, string.Join(' ', words.Where((w, i) => named[i] is null && !IsBeside(w, kind)))) : null;
    }

    /// <summary>A short word is compared as typed, lower-cased, not folded: "Обь" folds to "об".</summary>
    bool IsBeside(string word, DocumentKind kind)
    {
        var (lower, folded) = (word.ToLowerInvariant(), SearchText.Fold(word));
        return besideWords.Any(b => (b.Kind is null || b.Kind == kind) && b.Word == lower)
            || besideBeginnings.Any(b => (b.Kind is null || b.Kind == kind) && folded.StartsWith(b.Beginning, StringComparison.Ordinal));
    }

    DocumentKind? KindOf(string folded) =>
        beginnings.Where(b => folded.StartsWith(b.Beginning, StringComparison.Ordinal)).Select(b => (DocumentKind?)b.Kind).FirstOrDefault();

    /// <summary>Lines "kind;beginning1|beginning2" (the kind as its slug), "beside;word1|word2" (beside any kind) and
    /// "beside kind;word1|word2"; '#' starts a comment line.</summary>
    public static DocumentKindNames Parse(string text)
    {
        var beginnings = new List<(string, DocumentKind)>();
        var beside = new List<(string, DocumentKind?)>();
        foreach (var (number, line, fields) in ShippedData.Records(text))
        {
            IEnumerable<string> Listed() => fields[1].Split('|').Select(w => w.Trim().ToLowerInvariant());
            switch (fields.Length == 2 ? fields[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [])
            {
                case ["beside"]:
                    beside.AddRange(Listed().Select(w => (w, (DocumentKind?)null)));
                    break;
                case ["beside", var of] when Slugs.TryParse(of, out DocumentKind kind):
                    beside.AddRange(Listed().Select(w => (w, (DocumentKind?)kind)));
                    break;
                case [var slug] when Slugs.TryParse(slug, out DocumentKind kind):
                    beginnings.AddRange(Listed().Select(SearchText.Fold).Where(b => b.Length > 0).Select(b => (b, kind)));
                    break;
                default:
                    throw new SearchDataException($"Document-kind line {number} is not 'kind;beginnings', 'beside;words' or 'beside kind;words': {line}");
            }
        }
        return new DocumentKindNames(beginnings, beside);
    }
}
