using System.Globalization;
using System.Text;

namespace Registry.Domain.Search;

/// <summary>
/// The one fold every search backend indexes and queries with, so that "Қарағанды", "Караганды" and "Qaragandy" meet:
/// lower case; Kazakh-specific Cyrillic letters folded to their base letters; ё → е, й → и; Latin (the 2021 Kazakh Latin
/// alphabet, with or without diacritics) transliterated to Cyrillic; punctuation becomes a space.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lower = text.ToLower(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(lower.Length);
        var lastWasSpace = true;
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            string? piece = FoldCyrillic(c) is { } cyr ? cyr.ToString() : FoldLatin(lower, ref i);
            if (piece is null)
            {
                if (char.IsLetterOrDigit(c)) piece = c.ToString();
                else
                {
                    if (!lastWasSpace) sb.Append(' ');
                    lastWasSpace = true;
                    continue;
                }
            }
            sb.Append(piece);
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }

    static char? FoldCyrillic(char c) => c switch
    {
        'ә' => 'а', 'ғ' => 'г', 'қ' => 'к', 'ң' => 'н', 'ө' => 'о', 'ұ' or 'ү' => 'у', 'һ' => 'х', 'і' => 'и',
        'ё' => 'е', 'й' or 'ы' => 'и',
        >= 'а' and <= 'я' => c,
        _ => null,
    };

    /// <summary>Latin letters to Cyrillic; digraphs (sh, ch, zh, ts, ya, yu) read as one letter.</summary>
    static string? FoldLatin(string s, ref int i)
    {
        var c = s[i];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        string? digraph = (c, next) switch
        {
            ('s', 'h') => "ш",
            ('c', 'h') => "ч",
            ('z', 'h') => "ж",
            ('t', 's') => "ц",
            ('y', 'a') => "я",
            ('y', 'u') => "ю",
            _ => null,
        };
        if (digraph is not null)
        {
            i++;
            return digraph;
        }
        return c switch
        {
            'a' or 'ä' or 'á' => "а",
            'b' => "б",
            'd' => "д",
            'e' or 'é' => "е",
            'f' => "ф",
            'g' or 'ğ' or 'ǵ' => "г",
            'h' => "х",
            'i' or 'ı' or 'í' or 'ì' or 'y' or 'ý' => "и",
            'j' => "ж",
            'k' or 'q' => "к",
            'l' => "л",
            'm' => "м",
            'n' or 'ñ' or 'ń' => "н",
            'o' or 'ö' or 'ó' => "о",
            'p' => "п",
            'r' => "р",
            's' or 'ş' => "с",
            't' => "т",
            'u' or 'ü' or 'ū' or 'ú' or 'w' => "у",
            'v' => "в",
            'x' => "кс",
            'z' => "з",
            'c' => "ц",
            'ç' => "ч",
            _ => null,
        };
    }
}
