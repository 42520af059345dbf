namespace Registry.Domain.Search;

/// <summary>A region as the registry stores it (<see cref="Kazakh"/>: the region filter's and facet's value), with its
/// Russian name.</summary>
public sealed record Region(string Kazakh, string Russian);

/// <summary>The region a query names, and the rest of the query as typed.</summary>
public sealed record RegionInQuery(string Region, string Rest);

/// <summary>
/// Regions named in a query (<c>data/search/regions.csv</c>, shipped inside this assembly): people append where a holder
/// is, as an address gives it — "ТОО Астана Газ, г. Астана", "Карагандинская обл.", "ВКО". A region's name counts only beside
/// a word that says it is one (облысы, область, обл., region, oblast), a city's only beside one that says it is a city (г.,
/// город, қаласы, қ., city), and a place of <see cref="PlaceNames"/> beside either, as the region it is in; an
/// abbreviation counts alone. Russian adjectives are read in any case ("Карагандинской области"). Names are compared
/// folded (<see cref="SearchText.Fold"/>), word by word.
/// </summary>
public sealed class RegionNames
{
    public static RegionNames Default { get; } = Parse(ShippedData.Read("regions.csv"), PlaceNames.Default);

    enum Marked { Region, City, Either }

    sealed record Name(string[] Words, Marked By, string Region);

    readonly List<Name> names;
    readonly Dictionary<string, string> abbreviations;
    readonly Dictionary<string, string> byName;

    RegionNames(IReadOnlyList<Region> regions, List<Name> names, Dictionary<string, string> abbreviations, Dictionary<string, string> byName)
    {
        All = regions;
        this.byName = byName;
        // The names of regions before those of places: "Акмола облысы" is Ақмола облысы, not Астана's former name.
        this.names = [.. names.OrderBy(n => n.By == Marked.Either)];
        this.abbreviations = abbreviations;
    }

    public IReadOnlyList<Region> All { get; }

    /// <summary>The region a filter's value names, as the registry stores it: any of its listed names in any case and
    /// spelling the fold meets ("Карагандинская область", "karaganda region", "Караганды облысы"), or its abbreviation;
    /// null for a value that names none.</summary>
    public string? Named(string? value) => value is null ? null : byName.GetValueOrDefault(SearchText.Fold(value));

    /// <summary>The first region the query names, and the query's other words; null when it names none.</summary>
    public RegionInQuery? Find(string? q)
    {
        var words = SearchText.Words(q);
        var folded = words.Select(SearchText.Fold).ToArray();
        for (var i = 0; i < folded.Length; i++)
        {
            if (abbreviations.TryGetValue(folded[i], out var abbreviated)) return new(abbreviated, Rest(words, i, i));
            foreach (var name in names)
            {
                if (!NamedAt(folded, i, name.Words)) continue;
                var end = i + name.Words.Length;
                if (i > 0 && Marks(folded[i - 1], name.By)) return new(name.Region, Rest(words, i - 1, end - 1));
                if (end < folded.Length && Marks(folded[end], name.By)) return new(name.Region, Rest(words, i, end));
            }
        }
        return null;
    }

    /// <summary>Lines "kazakh;russian;other1|other2;abbreviation1|abbreviation2"; '#' starts a comment line.</summary>
    public static RegionNames Parse(string text, PlaceNames places)
    {
        var regions = new List<Region>();
        var names = new List<Name>();
        var abbreviations = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (number, line, fields) in ShippedData.Records(text))
        {
            if (fields.Length != 4 || fields[0].Trim().Length == 0 || fields[1].Trim().Length == 0)
                throw new SearchDataException($"Region line {number} is not 'kazakh;russian;other names;abbreviations': {line}");
            var region = new Region(fields[0].Trim(), fields[1].Trim());
            regions.Add(region);
            var by = SearchText.Words(region.Kazakh).Select(SearchText.Fold).Any(IsRegionWord) ? Marked.Region : Marked.City;
            foreach (var name in (string[])[region.Kazakh, region.Russian, .. fields[2].Split('|')])
            {
                names.Add(new([.. SearchText.Words(name).Select(SearchText.Fold).Where(w => !IsRegionWord(w))], by, region.Kazakh));
                byName[SearchText.Fold(name)] = region.Kazakh;
            }
            foreach (var abbreviation in fields[3].Split('|').Select(SearchText.Fold))
                byName[abbreviation] = abbreviations[abbreviation] = region.Kazakh;
        }
        var known = regions.Select(r => r.Kazakh).ToHashSet(StringComparer.Ordinal);
        foreach (var place in places.All)
        {
            if (!known.Contains(place.Region))
                throw new SearchDataException($"Place '{place.Kazakh}' is in '{place.Region}', which the region file does not name.");
            names.AddRange(place.AllNames.Select(n => new Name([.. SearchText.Words(n).Select(SearchText.Fold)], Marked.Either, place.Region)));
        }
        return new RegionNames(regions, [.. names.Where(n => n.Words.Length > 0)], abbreviations, byName);
    }

    static string Rest(string[] words, int first, int last) => string.Join(' ', words.Where((_, i) => i < first || i > last));

    static bool NamedAt(string[] folded, int at, string[] name) =>
        at + name.Length <= folded.Length && name.Select((word, j) => Same(word, folded[at + j])).All(same => same);

    /// <summary>A word of a name as typed: itself, or a Russian adjective in another case (карагандинская, карагандинской:
    /// the stem and up to three letters of ending).</summary>
    static bool Same(string nameWord, string typed)
    {
        if (nameWord == typed) return true;
        if (!nameWord.EndsWith("аиа", StringComparison.Ordinal)) return false;
        var stem = nameWord[..^3];
        return typed.StartsWith(stem, StringComparison.Ordinal) && typed.Length - stem.Length <= 3;
    }

    static bool Marks(string word, Marked by) => by switch
    {
        Marked.Region => IsRegionWord(word),
        Marked.City => IsCityWord(word),
        _ => IsRegionWord(word) || IsCityWord(word),
    };

    /// <summary>облысы, облысында, область, области, обл., oblast, region.</summary>
    static bool IsRegionWord(string folded) => folded.StartsWith("обл", StringComparison.Ordinal) || folded.StartsWith("регион", StringComparison.Ordinal);

    /// <summary>г., город, городе, қала, қаласы, қ., city.</summary>
    static bool IsCityWord(string folded) =>
        folded is "г" or "к" or "цити" || folded.StartsWith("город", StringComparison.Ordinal) || folded.StartsWith("кала", StringComparison.Ordinal);
}
