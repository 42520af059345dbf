using System.Globalization;
using System.Text;

namespace Registry.Domain.Search;

/// <summary>
/// The one fold every search backend indexes and queries with, so that "Қарағанды", "Караганды" and "Qaragandy" meet:
/// lower case; Kazakh-specific Cyrillic letters folded to their base letters; ё → е, й and ы → и, я → иа, ю → иу; the soft and
/// hard signs ь and ъ left out, as Latin spells neither ("Ust-Kamenogorsk" and "Усть-Каменогорск" meet as "уст
/// каменогорск", "Olga" and "Ольга" as "олга"); Latin (the 2021 Kazakh Latin alphabet, with or without diacritics)
/// transliterated to Cyrillic letter by letter, so "Saryarqa" and "Сарыарқа" meet as "сариарка" and "Yablonka" and
/// "Яблонка" as "иаблонка"; punctuation becomes a space.
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
            var piece = FoldCyrillic(c) ?? FoldLatin(lower, ref i);
            if (piece is "") continue;
            if (piece is not null) sb.Append(piece);
            // Any other letter or digit, the plain Cyrillic ones included, stands for itself.
            else if (char.IsLetterOrDigit(c)) sb.Append(c);
            else
            {
                if (!lastWasSpace) sb.Append(' ');
                lastWasSpace = true;
                continue;
            }
            lastWasSpace = false;
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>The words of a text as typed, parted where the fold parts them (at every character that is neither a letter
    /// nor a digit); a word the fold leaves nothing of (ь) is none.</summary>
    public static string[] Words(string? text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i])) continue;
            if (Fold(text[start..i]).Length > 0) words.Add(text[start..i]);
            start = i + 1;
        }
        return [.. words];
    }

    /// <summary>
    /// The last word of <paramref name="text"/> as it may be meant when typing stopped inside a Latin digraph: "Tec" folds
    /// to "тец", and may be the start of "Tech…" (теч); likewise s/sh (ш), z/zh (ж), t/ts (ц) and k/kh (х). Null when the
    /// text does not end in such a letter, or when that letter already ends a digraph ("Kats").
    /// </summary>
    public static string? UnfinishedDigraph(string? text)
    {
        var last = string.IsNullOrEmpty(text) ? '\0' : char.ToLowerInvariant(text[^1]);
        if (last is not ('c' or 's' or 'z' or 't' or 'k')) return null;
        var asTyped = Fold(text);
        var asDigraph = Fold(text + (last == 't' ? "s" : "h"));
        return asDigraph.Length == asTyped.Length ? asDigraph[(asDigraph.LastIndexOf(' ') + 1)..] : null;
    }

    /// <summary>я and ю as the two sounds they are: Latin spells them "ya"/"yu" in Russian style and "ia"/"iu" in Kazakh
    /// style, and Kazakh y is ы — letter by letter, every spelling folds to the same. ь and ъ are no letter of their own.</summary>
    static string? FoldCyrillic(char c) => c switch
    {
        'ә' => "а", 'ғ' => "г", 'қ' => "к", 'ң' => "н", 'ө' => "о", 'ұ' or 'ү' => "у", 'һ' => "х", 'і' => "и",
        'ё' => "е", 'й' or 'ы' => "и", 'я' => "иа", 'ю' => "иу", 'ь' or 'ъ' => "",
        _ => null,
    };

    /// <summary>Latin letters to Cyrillic; digraphs read as one letter: sh, ch, zh, ts, and as passports and Russian-style
    /// spellings write х, щ and ғ, kh, shch and gh (`AKHMETOV`, `Shchuchinsk`, `Qaraghandy`).</summary>
    static string? FoldLatin(string s, ref int i)
    {
        var c = s[i];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        if (c == 's' && string.CompareOrdinal(s, i, "shch", 0, 4) == 0)
        {
            i += 3;
            return "щ";
        }
        string? digraph = (c, next) switch
        {
            ('s', 'h') => "ш",
            ('c', 'h') => "ч",
            ('z', 'h') => "ж",
            ('t', 's') => "ц",
            ('k', 'h') => "х",
            ('g', 'h') => "г",
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
