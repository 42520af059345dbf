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
