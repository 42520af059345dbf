using Registry.Domain.Documents;
using Registry.Domain.Search;
using Registry.Projections.Queries;

namespace Registry.Api.Website;

/// <summary>Which parts of a result matched the query, read the way the search reads it: words of a name by their folded
/// beginnings (so «Қарағанды» is marked for "караг" or "qarag"), a number by its beginning or its last digits.</summary>
public static class Highlighting
{
    public static IReadOnlyList<(string Text, bool Hit)> Name(string name, SearchIntent intent)
    {
        if (intent.Terms.Count == 0) return [(name, false)];
        var segments = new List<(string, bool)>();
        var i = 0;
        while (i < name.Length)
        {
            var start = i;
            var isWord = char.IsLetterOrDigit(name[i]);
            while (i < name.Length && char.IsLetterOrDigit(name[i]) == isWord) i++;
            var piece = name[start..i];
            segments.Add((piece, isWord && Begins(SearchText.Fold(piece), intent.Terms)));
        }
        return segments;
    }

    /// <summary>Whether a folded word begins with a word of the query or of another name a query term stands for. Loops
    /// by index: a results page asks this for every word of every name on it, and an interface's enumerator is an object.</summary>
    static bool Begins(string folded, IReadOnlyList<QueryTerm> terms)
    {
        for (var t = 0; t < terms.Count; t++)
        {
            if (BeginsWithAny(folded, terms[t].Words)) return true;
            var otherNames = terms[t].OtherNames;
            for (var o = 0; o < otherNames.Count; o++)
                if (BeginsWithAny(folded, otherNames[o])) return true;
        }
        return false;
    }

    static bool BeginsWithAny(string folded, IReadOnlyList<string> words)
    {
        for (var w = 0; w < words.Count; w++)
            if (folded.StartsWith(words[w], StringComparison.Ordinal)) return true;
        return false;
    }

    public static IReadOnlyList<(string Text, bool Hit)> Number(string number, SearchIntent intent)
    {
        if (intent.Number is not null) return [(number, DocumentNumber.Normalize(number) == intent.Number)];
        var normalized = DocumentNumber.Normalize(number);
        var fromEnd = intent.NumberPrefix is null || !normalized.StartsWith(intent.NumberPrefix, StringComparison.Ordinal);
        var part = fromEnd ? intent.NumberSuffix : intent.NumberPrefix;
        if (part is null || (fromEnd && !normalized.EndsWith(part, StringComparison.Ordinal))) return [(number, false)];
        // Count normalised characters (separators count as nothing) until the query's length is covered.
        var remaining = part.Length;
        var i = fromEnd ? number.Length : 0;
        while (remaining > 0 && (fromEnd ? i > 0 : i < number.Length))
        {
            var c = fromEnd ? number[i - 1] : number[i];
            remaining -= DocumentNumber.Normalize(c.ToString()).Length;
            i += fromEnd ? -1 : 1;
        }
        return fromEnd ? [(number[..i], false), (number[i..], true)] : [(number[..i], true), (number[i..], false)];
    }
}
