namespace Registry.Domain.Search;

/// <summary>One typo in a word: every folded word one edit away (a letter left out, added, changed, or two neighbours
/// swapped). Only words of <see cref="MinLength"/> to <see cref="MaxLength"/> letters are corrected — shorter ones are too
/// often another real word.</summary>
public static class Typos
{
    public const int MinLength = 5;

    /// <summary>Longer words are not corrected: no indexed word is near that long (19 letters at 1M documents), and the
    /// variants grow with the word (a pasted 200-letter word: 30,000 variants, 0.6 s to look up).</summary>
    public const int MaxLength = 32;

    /// <summary>The letters a folded word can hold: Cyrillic after <see cref="SearchText.Fold"/> (й, ы, ё, я, ю, ь and ъ are gone) and digits.</summary>
    const string Alphabet = "абвгдежзиклмнопрстуфхцчшщэ0123456789";

    public static bool MayCorrect(string foldedWord) => foldedWord.Length is >= MinLength and <= MaxLength && !foldedWord.All(char.IsAsciiDigit);

    public static IReadOnlySet<string> OneEditAway(string word)
    {
        var variants = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < word.Length; i++)
        {
            variants.Add(word.Remove(i, 1));
            if (i + 1 < word.Length) variants.Add(string.Concat(word.AsSpan(0, i), word[i + 1].ToString(), word[i].ToString(), word.AsSpan(i + 2)));
            foreach (var c in Alphabet) variants.Add(string.Concat(word.AsSpan(0, i), c.ToString(), word.AsSpan(i + 1)));
        }
        for (var i = 0; i <= word.Length; i++)
            foreach (var c in Alphabet) variants.Add(word.Insert(i, c.ToString()));
        variants.Remove(word);
        return variants;
    }
}
