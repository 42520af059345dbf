using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Domain.Search;

/// <summary>The kind of document a query names, and the rest of the query as typed.</summary>
public sealed record KindInQuery(DocumentKind Kind, string Rest);

/// <summary>
/// Kinds of document named in a query (<c>data/search/document-kinds.csv</c>, shipped inside this assembly): people type what
/// they look for beside whose it is — "разрешение Лифт", "аттестат ТОО Астана Газ", "рұқсат". A word names a kind when it
/// begins with one of the kind's listed beginnings, compared folded (<see cref="SearchText.Fold"/>). An "аттестат
/// аккредитации" is an accreditation certificate, not an attestation.
/// </summary>
public sealed class DocumentKindNames
{
    public static DocumentKindNames Default { get; } = Parse(ShippedData.Read("document-kinds.csv"));

    readonly List<(string Beginning, DocumentKind Kind)> beginnings;

    DocumentKindNames(List<(string, DocumentKind)> beginnings) => this.beginnings = beginnings;

    /// <summary>The one kind the query's words name, and its other words; null when they name none, or two kinds.</summary>
    public KindInQuery? Find(string? q)
    {
        var words = SearchText.Words(q);
        var named = words.Select(w => KindOf(SearchText.Fold(w))).ToArray();
        var kinds = named.OfType<DocumentKind>().Distinct().ToList();
        if (kinds is [DocumentKind.Attestation, DocumentKind.Accreditation] or [DocumentKind.Accreditation, DocumentKind.Attestation]) kinds = [DocumentKind.Accreditation];
        return kinds is [var kind] ? new(kind, string.Join(' ', words.Where((_, i) => named[i] is null))) : null;
    }

    DocumentKind? KindOf(string folded) =>
        beginnings.Where(b => folded.StartsWith(b.Beginning, StringComparison.Ordinal)).Select(b => (DocumentKind?)b.Kind).FirstOrDefault();

    /// <summary>Lines "kind;beginning1|beginning2" (the kind as its slug); '#' starts a comment line.</summary>
    public static DocumentKindNames Parse(string text)
    {
        var beginnings = new List<(string, DocumentKind)>();
        foreach (var (number, line, fields) in ShippedData.Records(text))
        {
            if (fields.Length != 2 || !Slugs.TryParse<DocumentKind>(fields[0].Trim(), out var kind))
                throw new SearchDataException($"Document-kind line {number} is not 'kind;beginnings': {line}");
            beginnings.AddRange(fields[1].Split('|').Select(SearchText.Fold).Where(b => b.Length > 0).Select(b => (b, kind)));
        }
        return new DocumentKindNames(beginnings);
    }
}
