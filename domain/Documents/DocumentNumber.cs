using System.Text;

namespace Registry.Domain.Documents;

/// <summary>
/// Document numbers look like <c>ATT-2026-000123</c>: kind prefix, year of issue, a six-digit sequence that restarts each
/// year per kind. No '/', so a number is a single URL path segment.
/// </summary>
public static class DocumentNumber
{
    public static string Format(DocumentKind kind, int year, long sequence) =>
        $"{kind.NumberPrefix()}-{year:D4}-{sequence:D6}";

    /// <summary>
    /// The form numbers are stored and looked up by: upper case, separators dropped, Cyrillic look-alike letters read as
    /// Latin. "атт 2026/000123", "ATT2026000123" and "АТТ-2026-000123" (Cyrillic А and Т) all give "ATT2026000123".
    /// </summary>
    public static string Normalize(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return "";
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var upper = char.ToUpperInvariant(c);
            if (char.IsAsciiLetterOrDigit(upper)) sb.Append(upper);
            else if (CyrillicLookAlike(upper) is { } latin) sb.Append(latin);
        }
        return sb.ToString();
    }

    static char? CyrillicLookAlike(char c) => c switch
    {
        'А' => 'A', 'В' => 'B', 'Е' => 'E', 'К' => 'K', 'М' => 'M', 'Н' => 'H', 'О' => 'O',
        'Р' => 'P', 'С' => 'C', 'Т' => 'T', 'Х' => 'X', 'У' => 'Y', 'І' => 'I', 'Ј' => 'J', 'Ѕ' => 'S',
        _ => null,
    };
}
