using System.Globalization;
using System.Text;
using Registry.Domain.Documents;
using Registry.Domain.Search;

namespace Registry.Projections.Queries;

public enum SearchIntentKind
{
    Everything,
    Bin,
    NumberPrefix,
    NumberSuffix,
    Name,
}

/// <summary>What the free-text query is: a BIN, a document number (whole or its beginning), the last digits of a
/// number, or words of a name. Every search backend reads the query the same way.</summary>
public sealed record SearchIntent(SearchIntentKind Kind, string Text)
{
    public static SearchIntent Of(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return new(SearchIntentKind.Everything, "");
        var norm = DocumentNumber.Normalize(q);
        var allDigits = norm.Length > 0 && norm.All(char.IsAsciiDigit);
        if (allDigits && norm.Length == 12) return new(SearchIntentKind.Bin, norm);
        if (allDigits && norm.Length >= 3) return new(SearchIntentKind.NumberSuffix, norm);
        if (norm.Length >= 4 && LooksLikeNumber(norm)) return new(SearchIntentKind.NumberPrefix, norm);
        return new(SearchIntentKind.Name, SearchText.Fold(q));
    }

    /// <summary>A kind prefix (ATT, PRM, …) followed by digits.</summary>
    static bool LooksLikeNumber(string norm) =>
        DocumentKinds.All.Any(k => norm.StartsWith(k.NumberPrefix(), StringComparison.Ordinal)) && norm[3..].All(char.IsAsciiDigit);
}

/// <summary>Opaque keyset cursor: the last row's sort key and id, so pages stay stable while documents are added.</summary>
public static class SearchCursor
{
    public static string Encode(string sortKey, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sortKey}|{id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A cursor this API could have produced for <paramref name="sort"/>: its key is a score, a date (or, from
    /// Elasticsearch, epoch milliseconds) or a normalised number. Anything else is crafted, and refused before a query
    /// casts it.</summary>
    public static bool IsValidFor(string? cursor, SearchSort sort)
    {
        if (!TryDecode(cursor, out var key, out _)) return false;
        return sort switch
        {
            SearchSort.IssuedNewest or SearchSort.IssuedOldest =>
                DateOnly.TryParseExact(key, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) || long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            SearchSort.Number => key.Length is > 0 and <= 40 && key.All(char.IsAsciiLetterOrDigit),
            _ => key.Length <= 40 && double.TryParse(key, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && double.IsFinite(score),
        };
    }

    public static bool TryDecode(string? cursor, out string sortKey, out Guid id)
    {
        sortKey = "";
        id = Guid.Empty;
        if (string.IsNullOrEmpty(cursor)) return false;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            var bar = text.LastIndexOf('|');
            if (bar < 0 || !Guid.TryParseExact(text[(bar + 1)..], "N", out id)) return false;
            sortKey = text[..bar];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
