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
        if (intent.Kind != SearchIntentKind.Name) return [(name, false)];
        var words = intent.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var segments = new List<(string, bool)>();
        var i = 0;
        while (i < name.Length)
        {
            var start = i;
            var isWord = char.IsLetterOrDigit(name[i]);
            while (i < name.Length && char.IsLetterOrDigit(name[i]) == isWord) i++;
            var piece = name[start..i];
            var folded = isWord ? SearchText.Fold(piece) : "";
            segments.Add((piece, isWord && words.Any(w => folded.StartsWith(w, StringComparison.Ordinal))));
        }
        return segments;
    }

    public static IReadOnlyList<(string Text, bool Hit)> Number(string number, SearchIntent intent)
    {
        var fromEnd = intent.Kind == SearchIntentKind.NumberSuffix;
        if (intent.Kind is not (SearchIntentKind.NumberPrefix or SearchIntentKind.NumberSuffix)) return [(number, false)];
        // Count normalised characters (separators count as nothing) until the query's length is covered.
        var remaining = intent.Text.Length;
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
