using System.Text;

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
    /// <summary>A region the query names read as the region filter (<see cref="RegionNames"/>).</summary>
    Region,
}

/// <summary>A reading of a query: the text to search for, and with <see cref="Region"/> the region to search in.</summary>
public sealed record QueryReading(QueryReadingKind Kind, string Text, string? Region = null);

/// <summary>
/// The other readings of a query that finds nothing as typed, in the order they are tried: a region it names as the region
/// filter ("ТОО Астана Газ, Карагандинская обл." is "ТОО Астана Газ" in Қарағанды облысы); its keys on the other keyboard
/// layout ("Fcnfyf" is "Астана"); a name written in one word with capitals inside read as its words ("АстанаСтрой" is
/// "Астана Строй"); and the words of a name typed apart read as one word, as registry names often write them ("Alem
/// Group" is "AlemGroup"), a legal form staying a word of its own ("ТОО Alem Group" is "ТОО AlemGroup").
/// </summary>
public static class QueryReadings
{
    public static IEnumerable<QueryReading> Of(string? q)
    {
        if (RegionNames.Default.Find(q) is { } region) yield return new(QueryReadingKind.Region, region.Rest, region.Region);
        if (KeyboardLayout.Switched(q) is { } switched) yield return new(QueryReadingKind.KeyboardLayout, switched);
        if (WordsApart(q) is { } apart) yield return new(QueryReadingKind.WordsApart, apart);
        if (WordsTogether(q) is { } together) yield return new(QueryReadingKind.WordsTogether, together);
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
