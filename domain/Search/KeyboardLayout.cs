namespace Registry.Domain.Search;

/// <summary>
/// A query typed with the other keyboard layout on, as it was meant: "Fcnfyf" typed on the English layout is "Астана" on
/// the Russian one, and "ЕусрДшае" on the Russian layout is "TechLift". Keys are the standard Russian ЙЦУКЕН and English
/// QWERTY layouts, which share the key positions; the Kazakh layout's own letters sit on the digit keys, so a text with a
/// Kazakh letter is not read, and digits stay digits.
/// </summary>
public static class KeyboardLayout
{
    const string Qwerty = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>~";
    const string Russian = "йцукенгшщзхъфывапролджэячсмитьбюёЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮЁ";

    /// <summary>The text with every key read on the other layout; null when the text mixes Latin and Cyrillic letters,
    /// holds a letter of neither layout (ә, ü), no letter at all, or a digit: numbers and BINs ("ATT-2024-1") are typed on
    /// either layout alike, and a name with digits is not what a wrong layout produces.</summary>
    public static string? Switched(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Any(char.IsAsciiDigit)) return null;
        var letters = text.Where(char.IsLetter).ToList();
        if (letters.Count == 0) return null;
        (string From, string To)? keys = letters.All(char.IsAsciiLetter) ? (Qwerty, Russian)
            : letters.All(c => Russian.Contains(c, StringComparison.Ordinal)) ? (Russian, Qwerty)
            : null;
        if (keys is not { } layouts) return null;
        return string.Concat(text.Select(c => layouts.From.IndexOf(c, StringComparison.Ordinal) is var key and >= 0 ? layouts.To[key] : c));
    }
}
