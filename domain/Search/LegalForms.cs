namespace Registry.Domain.Search;

/// <summary>
/// Legal forms spelled out (<c>data/search/legal-forms.csv</c>, shipped inside this assembly), each read as the short form
/// the registry's names carry: "Товарищество с ограниченной ответственностью «Астана Лифт»", as copied from a contract,
/// is searched as "ТОО Астана Лифт". Only the long names are read; the short form stays the word it is. Names are compared
/// folded (<see cref="SearchText.Fold"/>), as token sequences.
/// </summary>
public sealed class LegalForms
{
    public static LegalForms Default { get; } = Parse(ShippedData.Read("legal-forms.csv"));

    readonly Dictionary<string, string[]> shortForms;
    readonly HashSet<string> words;

    LegalForms(Dictionary<string, string[]> shortForms)
    {
        this.shortForms = shortForms;
        words = [.. shortForms.Values.Where(f => f.Length == 1).Select(f => f[0]), .. shortForms.Keys.Where(k => !k.Contains(' '))];
        LongestName = shortForms.Keys.Select(k => k.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    /// <summary>The most words a long name has, folded.</summary>
    public int LongestName { get; }

    /// <summary>The short form (as folded words) of the legal form the folded words spell out, or none.</summary>
    public IReadOnlyList<string[]> ShortForm(string foldedWords) => shortForms.TryGetValue(foldedWords, out var form) ? [form] : [];

    /// <summary>Whether one folded word is a legal form: a short form (тоо) or a long name of one word (llp).</summary>
    public bool IsFormWord(string foldedWord) => words.Contains(foldedWord);

    /// <summary>Lines "short form;long name|long name"; '#' starts a comment line.</summary>
    public static LegalForms Parse(string text)
    {
        var shortForms = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (number, line, fields) in ShippedData.Records(text))
        {
            if (fields.Length != 2 || SearchText.Fold(fields[0]) is not { Length: > 0 } form || fields[1].Trim().Length == 0)
                throw new SearchDataException($"Legal-form line {number} is not 'short form;long names': {line}");
            foreach (var name in fields[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(SearchText.Fold))
                if (!shortForms.TryAdd(name, form.Split(' ')))
                    throw new SearchDataException($"Legal-form line {number}: '{name}' is the long name of two short forms.");
        }
        return new LegalForms(shortForms);
    }
}
