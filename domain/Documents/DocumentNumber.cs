using System.Globalization;
using System.Text;
using Registry.Domain.Search;

namespace Registry.Domain.Documents;

/// <summary>
/// Document numbers look like <c>ATT-2026-000123</c>: kind prefix, year of issue, a six-digit sequence that restarts from 1
/// each year per kind. No '/', so a number is a single URL path segment.
/// </summary>
public static class DocumentNumber
{
    /// <summary>The least number of digits of the sequence; a longer sequence keeps all its digits.</summary>
    public const int SequenceDigits = 6;

    /// <summary>Everything before the sequence: <c>ATT-2026-</c>.</summary>
    public static string Prefix(DocumentKind kind, int year) => $"{kind.NumberPrefix()}-{year:D4}-";

    public static string Format(DocumentKind kind, int year, long sequence) =>
        Prefix(kind, year) + sequence.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(SequenceDigits, '0');

    /// <summary>
    /// The form numbers are stored and looked up by: upper case, separators dropped, Cyrillic look-alike letters read as
    /// Latin. "атт 2026/000123", "ATT2026000123" and "АТТ-2026-000123" (Cyrillic А and Т) all give "ATT2026000123"; so do
    /// the kind's letters spelled in Cyrillic or typed on the Russian layout before the digits (<see cref="KindInLatin"/>).
    /// </summary>
    public static string Normalize(string? raw) => string.IsNullOrEmpty(raw) ? "" : Normalized(KindInLatin(raw, 1));

    static string Normalized(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var upper = char.ToUpperInvariant(c);
            if (char.IsAsciiLetterOrDigit(upper)) sb.Append(upper);
            else if (CyrillicLookAlike(upper) is { } latin) sb.Append(latin);
        }
        return sb.ToString();
    }

    /// <summary>
    /// What a person who typed a number most likely meant, when it is not in the stored form: the sequence without its
    /// leading zeros ("ATT-2024-1" is ATT2024000001) or with one too many ("ATT-2024-0000001"), and the letter O for a
    /// zero ("ATT-2O24-OOOO01"), l or I for a one ("ATT-2O24-00000l", <see cref="AsDigit"/>). Null when the text is not a
    /// whole number of a known kind even so.
    /// </summary>
    public static string? Reading(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        raw = KindInLatin(raw, 1);
        var norm = Normalized(raw);
        var prefix = DocumentKinds.All.Select(k => k.NumberPrefix()).FirstOrDefault(p => norm.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null) return null;
        // The digit groups as typed, after the kind: "2024" and "1" in "ATT-2024-1".
        var groups = new List<string>();
        var group = new StringBuilder();
        var skipped = 0;
        foreach (var c in raw)
        {
            var upper = char.ToUpperInvariant(c);
            var latin = char.IsAsciiLetterOrDigit(upper) ? upper : CyrillicLookAlike(upper);
            if (skipped < prefix.Length)
            {
                if (latin is not null) skipped++;
                continue;
            }
            if (latin is { } l && AsDigit(l) is { } digit) group.Append(digit);
            else if (latin is not null) return null;
            else if (group.Length > 0)
            {
                groups.Add(group.ToString());
                group.Clear();
            }
        }
        if (group.Length > 0) groups.Add(group.ToString());
        var digits = string.Concat(groups);
        var number = groups switch
        {
            [{ Length: 4 } year, { Length: >= 1 and <= 6 } sequence] => $"{prefix}{year}{sequence.PadLeft(SequenceDigits, '0')}",
            // A zero too many ("ATT-2024-0000012"): a longer sequence has no leading zero.
            [{ Length: 4 } year, { Length: > 6 } sequence] when sequence[0] == '0' => $"{prefix}{year}{sequence.TrimStart('0').PadLeft(SequenceDigits, '0')}",
            _ when digits.Length == 10 => prefix + digits,
            _ => null,
        };
        // A sequence counts from 1: "ATT-2024-000" is no number, only the beginning of some.
        return number is not null && number[(prefix.Length + 4)..].All(c => c == '0') ? null : number;
    }

    /// <summary>
    /// The first number written inside other text, as it is copied from a letter, a certificate or a link: "Аттестат №
    /// ATT-2024-000123 от 12.03.2024", "No. PRM-2019-45", "…/documents/ATT-2024-000123". A number is one to three words of
    /// the text that <see cref="Reading"/> reads as a whole number; the fewest words win, so a date after it is not read
    /// into its sequence. Null when no part of the text is a number.
    /// </summary>
    public static string? Within(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = text.Split(WordBreaks, StringSplitOptions.RemoveEmptyEntries);
        for (var start = 0; start < words.Length; start++)
            for (var count = 1; count <= 3 && start + count <= words.Length; count++)
                if (Reading(string.Join(' ', words, start, count)) is { } number) return number;
        return null;
    }

    /// <summary>What parts the words of running text and of a link. Dashes and dots stay inside a word, as in "ATT-2024-1";
    /// "ATT/2024/1" parts into three words, which are read together.</summary>
    static readonly char[] WordBreaks = [' ', '\t', '\r', '\n', '\u00A0', '/', '?', '=', '&', '#', ',', ';', ':', '(', ')', '[', ']', '«', '»', '"', '\'', '№'];

    /// <summary>The beginning of a number ("ATT-2024", "атт 2O2", or a kind's letters alone: "атт"), normalised with O read as
    /// 0; null when the text is not one. Not l or I for 1, as a whole number's reading takes them: a Latin word would begin a
    /// number then ("Stall" is STA11).</summary>
    public static string? PrefixReading(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return null;
        // A year alone a space after Cyrillic letters stays words ("дек 2019"); in Latin letters it is the start of a number.
        var norm = Normalized(KindInLatin(raw, YearDigits + 1));
        var prefix = DocumentKinds.All.Select(k => k.NumberPrefix()).FirstOrDefault(p => norm.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null || norm.Length > prefix.Length + 10) return null;
        var rest = norm[prefix.Length..].Replace('O', '0');
        return rest.All(char.IsAsciiDigit) ? prefix + rest : null;
    }

    /// <summary>A digit as it is mistyped or misread from paper in a number's digits: the letter O for a zero, a lower-case
    /// l or a capital I for a one. Null for any other letter.</summary>
    static char? AsDigit(char upper) => upper switch
    {
        >= '0' and <= '9' => upper,
        'O' => '0',
        'I' or 'L' => '1',
        _ => null,
    };

    const int YearDigits = 4;

    /// <summary>
    /// The text with a kind's letters at its start written in Latin, when digits follow them — joined to them by a dash or
    /// nothing, as numbers are written, or else at least <paramref name="digitsApart"/> of them — and they spell that one
    /// kind as a Russian speaker writes it ("ПРМ", "ДЕК", "СТА": letter by letter, by sound or by look) or as its keys give
    /// it on the Russian layout ("ЗКЬ" for PRM, <see cref="KeyboardLayout"/>). The text as it is otherwise.
    /// </summary>
    static string KindInLatin(string raw, int digitsApart)
    {
        var start = 0;
        while (start < raw.Length && !char.IsLetterOrDigit(raw[start])) start++;
        var end = start;
        while (end < raw.Length && char.IsLetter(raw[end])) end++;
        // Latin letters are read as they are (verification's hot path passes here with no allocation).
        if (end - start != 3 || Ascii.IsValid(raw.AsSpan(start, 3))) return raw;
        var joined = end < raw.Length && (char.IsAsciiDigit(raw[end]) || char.GetUnicodeCategory(raw[end]) == UnicodeCategory.DashPunctuation);
        if (raw.Skip(end).Count(char.IsAsciiDigit) < (joined ? 1 : digitsApart)) return raw;
        var typed = raw[start..end].ToUpperInvariant();
        var onLatinKeys = KeyboardLayout.Switched(typed);
        var kinds = DocumentKinds.All.Select(k => k.NumberPrefix()).Where(p => onLatinKeys == p || p.Zip(typed).All(Sounds)).ToList();
        return kinds is [var prefix] ? raw[..start] + prefix + raw[end..] : raw;

        static bool Sounds((char Latin, char Typed) letter) => CyrillicLookAlike(letter.Typed) == letter.Latin
            || (CyrillicSounds.TryGetValue(letter.Latin, out var sounds) && sounds.Contains(letter.Typed, StringComparison.Ordinal));
    }

    /// <summary>The Cyrillic letters a Russian speaker writes for a Latin letter of a kind's prefix, besides its look-alike
    /// (А, Е, М, Т and С stand for A, E, M, T and C by look already).</summary>
    static readonly Dictionary<char, string> CyrillicSounds = new()
    {
        ['C'] = "КЦ", ['D'] = "Д", ['E'] = "Э", ['F'] = "Ф", ['P'] = "П", ['R'] = "Р", ['S'] = "С",
    };

    static char? CyrillicLookAlike(char c) => c switch
    {
        'А' => 'A', 'В' => 'B', 'Е' => 'E', 'К' => 'K', 'М' => 'M', 'Н' => 'H', 'О' => 'O',
        'Р' => 'P', 'С' => 'C', 'Т' => 'T', 'Х' => 'X', 'У' => 'Y', 'І' => 'I', 'Ј' => 'J', 'Ѕ' => 'S',
        _ => null,
    };
}
