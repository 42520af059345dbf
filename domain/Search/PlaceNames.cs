using System.Reflection;

namespace Registry.Domain.Search;

/// <summary>One place under all its names: the Kazakh and Russian names of today and the former ones people still type.</summary>
public sealed record Place(string Kazakh, string Russian, IReadOnlyList<string> FormerNames, string Region)
{
    public IEnumerable<string> AllNames => FormerNames.Prepend(Russian).Prepend(Kazakh);
}

/// <summary>A search data file (place names, legal forms) that does not read; the assembly that ships it does not start.</summary>
public sealed class SearchDataException(string message) : Exception(message);

static class ShippedData
{
    /// <summary>A data file embedded in this assembly under its file name (Registry.Domain.csproj).</summary>
    public static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The lines of a data file that are records, with their 1-based line numbers and ';'-separated fields:
    /// blank lines and lines starting with '#' are left out.</summary>
    public static IEnumerable<(int Number, string Line, string[] Fields)> Records(string text) =>
        text.Split('\n').Select((line, i) => (Number: i + 1, Line: line.TrimEnd('\r')))
            .Where(l => l.Line.Length > 0 && !l.Line.StartsWith('#'))
            .Select(l => (l.Number, l.Line, l.Line.Split(';')));
}

/// <summary>
/// Old and Russian place names (<c>data/search/place-names.csv</c>, shipped inside this assembly): search reads every name
/// of a place as the same place, so "Гурьев" finds holders named after Атырау and "Усть-Каменогорск" those named after
/// Өскемен. Names are compared folded (<see cref="SearchText.Fold"/>), as token sequences.
/// </summary>
public sealed class PlaceNames
{
    public static PlaceNames Default { get; } = Parse(ShippedData.Read("place-names.csv"));

    readonly Dictionary<string, List<string[]>> alternatives = new(StringComparer.Ordinal);

    PlaceNames(IReadOnlyList<Place> places)
    {
        All = places;
        foreach (var place in places)
        {
            // A name of several words is also typed as one (`Нурсултан`, `Алмаата`, `Устькаменогорск`).
            var folded = place.AllNames.Select(SearchText.Fold).ToList();
            var names = folded.Concat(folded.Where(n => n.Contains(' ')).Select(n => n.Replace(" ", "", StringComparison.Ordinal)))
                .Distinct(StringComparer.Ordinal).ToList();
            if (names.Count < 2) continue;
            foreach (var name in names)
            {
                if (alternatives.ContainsKey(name)) throw new SearchDataException($"'{name}' names two places in the place-name file.");
                alternatives[name] = [.. names.Where(n => n != name).Select(n => n.Split(' '))];
            }
        }
        LongestName = alternatives.Keys.Select(k => k.Split(' ').Length).DefaultIfEmpty(1).Max();
    }

    public IReadOnlyList<Place> All { get; }

    /// <summary>Every folded name of every place of more than one name.</summary>
    public IEnumerable<string> Names => alternatives.Keys;

    /// <summary>The most words a place name has, folded ("усть каменогорск" has two).</summary>
    public int LongestName { get; }

    /// <summary>The other names (as folded words) of the place the folded words name, or none.</summary>
    public IReadOnlyList<string[]> OtherNames(string foldedWords) =>
        alternatives.TryGetValue(foldedWords, out var names) ? names : [];

    /// <summary>Lines "kazakh;russian;former1|former2;region"; '#' starts a comment line.</summary>
    public static PlaceNames Parse(string text)
    {
        var places = new List<Place>();
        foreach (var (number, line, fields) in ShippedData.Records(text))
        {
            if (fields.Length != 4 || fields[0].Length == 0 || fields[1].Length == 0 || fields[3].Length == 0)
                throw new SearchDataException($"Place-name line {number} is not 'kazakh;russian;former names;region': {line}");
            places.Add(new Place(fields[0], fields[1], fields[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), fields[3]));
        }
        return new PlaceNames(places);
    }
}
