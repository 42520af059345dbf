using System.Text;
using Registry.Domain.Documents;

namespace Registry.Domain.Search;

/// <summary>Why a query that found nothing was read again.</summary>
public enum QueryReadingKind
{
    /// <summary>Its keys on the other keyboard layout (<see cref="KeyboardLayout"/>).</summary>
    KeyboardLayout,
    /// <summary>A name written as one word read as its words.</summary>
    WordsApart,
    /// <summary>The words of a name read as one word.</summary>
    WordsTogether,
    /// <summary>A region or a kind of document the query names read as the filter (<see cref="RegionNames"/>,
    /// <see cref="DocumentKindNames"/>).</summary>
    Filters,
}

/// <summary>A reading of a query: the text to search for, and with <see cref="QueryReadingKind.Filters"/> the region or
/// the kind of document to search among.</summary>
public sealed record QueryReading(QueryReadingKind Kind, string Text, string? Region = null, DocumentKind? DocumentKind = null);

/// <summary>
/// The other readings of a query that finds nothing as typed, in the order they are tried: a region and a kind of document
/// it names as the filters ("разрешение ТОО Лифт, Карагандинская обл." is "ТОО Лифт" among permits in Қарағанды облысы);
/// its keys on the other keyboard layout ("Fcnfyf" is "Астана"); a name written in one word with capitals inside read as
/// its words ("АстанаСтрой" is "Астана Строй"); and the words of a name typed apart read as one word, as registry names
/// often write them ("Alem Group" is "AlemGroup"), a legal form staying a word of its own ("ТОО Alem Group" is "ТОО
/// AlemGroup").
/// </summary>
public static class QueryReadings
{
    public static IEnumerable<QueryReading> Of(string? q)
    {
        if (Filters(q) is { } filters) yield return filters;
        if (KeyboardLayout.Switched(q) is { } switched) yield return new(QueryReadingKind.KeyboardLayout, switched);
        if (WordsApart(q) is { } apart) yield return new(QueryReadingKind.WordsApart, apart);
        if (WordsTogether(q) is { } together) yield return new(QueryReadingKind.WordsTogether, together);
    }

    /// <summary>The query without the region and the kind of document it names, which become its filters; null when it names
    /// neither.</summary>
    public static QueryReading? Filters(string? q)
    {
        var region = RegionNames.Default.Find(q);
        var kind = DocumentKindNames.Default.Find(region?.Rest ?? q);
        return region is null && kind is null ? null : new(QueryReadingKind.Filters, kind?.Rest ?? region!.Rest, region?.Region, kind?.Kind);
    }

    /// <summary>The query parted where a capital follows a small letter inside a word; null when nothing is parted.</summary>
    public static string? WordsApart(string? q)
    {
        if (string.IsNullOrEmpty(q)) return null;
        var text = new StringBuilder();
        for (var i = 0; i < q.Length; i++)
        {
            if (i > 0 && char.IsUpper(q[i]) && char.IsLower(q[i - 1])) text.Append(' ');
            text.Append(q[i]);
        }
        return text.Length == q.Length ? null : text.ToString();
    }

    /// <summary>The words of the query other than legal forms written as one, after the legal forms; null unless two words
    /// or more, each of letters alone, are joined.</summary>
    public static string? WordsTogether(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return null;
        var byForm = q.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries).ToLookup(IsLegalForm);
        var name = byForm[false].ToList();
        return name.Count >= 2 && name.All(w => w.All(char.IsLetter)) ? string.Join(' ', [.. byForm[true], string.Concat(name)]) : null;

        static bool IsLegalForm(string word) => LegalForms.Default.IsFormWord(SearchText.Fold(word));
    }

    static readonly char[] WordBreaks = [' ', '\t', '\u00A0', '-', '«', '»', '"', '\''];
}
