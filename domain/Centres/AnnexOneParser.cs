using System.Text.RegularExpressions;
using Registry.Domain.Search;

namespace Registry.Domain.Centres;

[System.Text.Json.Serialization.JsonConverter(typeof(Registry.Domain.Common.SlugJsonConverter<CentreLevel>))]
public enum CentreLevel
{
    Branch,
    Department,
    SubDepartment,
}

/// <summary>E164 is null when the decree's number has the wrong digit count (four do: a five-digit area code followed by a
/// six-digit number); the original text is kept either way.</summary>
public sealed record Phone(string Original, string? E164);

/// <summary>One Public Service Centre (ХҚО) of annex 1. Id is stable across imports: region ordinal, then the entry's
/// position in the region (e.g. "03-05", or "03-05-1" for the first sub-department under department 5).</summary>
public sealed record Centre(string Id, string? ParentId, CentreLevel Level, int RegionOrdinal, string Region, string Name, string Address,
    IReadOnlyList<Phone> Phones, int SourceLine)
{
    public string SearchFolded => SearchText.Fold($"{Name} {Address} {Region}");
}

public sealed class CentresParseException(int line, string text, string reason)
    : Exception($"Annex 1, line {line}: {reason}: '{text.Trim()}'")
{
    public int Line { get; } = line;
}

/// <summary>
/// Reads the list of Public Service Centres in annex 1 of a standard of decree No. 1068. Each standard repeats the
/// list; they are identical, so the first (attestation's) is imported. The text is a flattened table: a region header
/// ("1. «Ақмола облысы бойынша ХҚО» РМК филиалы"), then entries — a number line ("2.") or nothing for a
/// sub-department, a name line, an address line, zero or more phone lines (continuation phones lose their tab) —
/// with blank or tab-only separator lines. The list ends where the next annex's heading («…» стандартына, 2-қосымша)
/// begins. A line that fits none of this fails the import, naming the line.
/// </summary>
public static partial class AnnexOneParser
{
    const string ListTitle = "Халыққа қызмет көрсету орталықтарының тізімі";

    [GeneratedRegex(@"^\t?\s*(\d+)\.\s*(«(.+?)\s+бойынша ХҚО».*)$")]
    private static partial Regex RegionHeader();

    [GeneratedRegex(@"^\t?\s*(\d+)\.\s*$")]
    private static partial Regex EntryNumber();

    [GeneratedRegex(@"^\s*8[\s\-]?\(?\d[\d\s\-()]*$")]
    private static partial Regex PhoneLine();

    [GeneratedRegex(@"^\s*2-қосымша")]
    private static partial Regex NextAnnex();

    public static IReadOnlyList<Centre> Parse(IReadOnlyList<string> lines, int list = 1)
    {
        var (first, end) = Bounds(lines, list);
        var centres = new List<Centre>();
        Draft? entry = null;
        var regionOrdinal = 0;
        var region = "";
        var separated = false;
        var department = 0;
        var subDepartment = 0;

        void Flush()
        {
            if (entry is null) return;
            if (entry.Address is null) throw new CentresParseException(entry.Line, entry.Name ?? "", "an entry without an address");
            centres.Add(entry.ToCentre());
            entry = null;
        }

        for (var i = first; i < end; i++)
        {
            var line = lines[i].TrimEnd('\r');
            var text = line.Trim();
            if (text.Length == 0)
            {
                separated = true;
                continue;
            }
            if (RegionHeader().Match(line) is { Success: true } header && !EntryNumber().IsMatch(line))
            {
                Flush();
                regionOrdinal++;
                if (int.Parse(header.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != regionOrdinal)
                    throw new CentresParseException(i + 1, line, $"region {regionOrdinal} expected");
                region = header.Groups[3].Value.Trim('«', ' ');
                department = 0;
            }
            else if (EntryNumber().Match(line) is { Success: true } number)
            {
                Flush();
                if (regionOrdinal == 0) throw new CentresParseException(i + 1, line, "an entry before any region");
                department = int.Parse(number.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                subDepartment = 0;
                entry = new Draft($"{regionOrdinal:D2}-{department:D2}", department == 1 ? null : $"{regionOrdinal:D2}-01",
                    department == 1 ? CentreLevel.Branch : CentreLevel.Department, regionOrdinal, region, i + 1);
            }
            else if (PhoneLine().IsMatch(line))
            {
                if (entry?.Address is null) throw new CentresParseException(i + 1, line, "a phone number outside an entry");
                entry.Phones.Add(new Phone(text, E164(text)));
            }
            else if (!line.StartsWith('\t'))
            {
                throw new CentresParseException(i + 1, line, "text that is neither an indented entry field nor a phone number");
            }
            else if (entry is { Name: null }) entry.Name = text;
            else if (entry is { Address: null }) entry.Address = text;
            else if (entry is not null && (entry.Phones.Count > 0 || separated) && department > 0)
            {
                // An unnumbered entry after a separator: a sub-department of the last numbered department.
                Flush();
                subDepartment++;
                entry = new Draft($"{regionOrdinal:D2}-{department:D2}-{subDepartment}", $"{regionOrdinal:D2}-{department:D2}", CentreLevel.SubDepartment,
                    regionOrdinal, region, i + 1) { Name = text };
            }
            else throw new CentresParseException(i + 1, line, "a third text line in an entry");
            separated = false;
        }
        Flush();
        return centres;
    }

    /// <summary>From the table header of the n-th list to the first line of the next annex's heading.</summary>
    static (int First, int End) Bounds(IReadOnlyList<string> lines, int list)
    {
        var title = -1;
        for (int i = 0, seen = 0; i < lines.Count; i++)
            if (lines[i].Contains(ListTitle, StringComparison.Ordinal) && ++seen == list) { title = i; break; }
        if (title < 0) throw new CentresParseException(0, ListTitle, $"list {list} of Public Service Centres not found");
        // The table's column-number row "1 2 3 4" closes its header.
        var first = title + 1;
        while (first < lines.Count && lines[first].Trim() != "4") first++;
        var annex2 = first;
        while (annex2 < lines.Count && !NextAnnex().IsMatch(lines[annex2])) annex2++;
        if (annex2 == lines.Count) throw new CentresParseException(first, lines[first], "no annex 2 after the list");
        // The next annex's heading opens with the service's name in «quotes»; the list ends just above it.
        var end = annex2 - 1;
        while (end > first && !lines[end].TrimStart().StartsWith('«')) end--;
        return (first + 1, end);
    }

    /// <summary>"8 (7172) 74-98-22" and "8-711-36-92-580" → "+77172749822", "+77113692580": trunk prefix 8 becomes +7.
    /// Null unless the number has the 11 digits of a Kazakh number.</summary>
    public static string? E164(string original)
    {
        var digits = new string([.. original.Where(char.IsAsciiDigit)]);
        return digits.Length == 11 && digits[0] == '8' ? "+7" + digits[1..] : null;
    }

    sealed class Draft(string id, string? parentId, CentreLevel level, int regionOrdinal, string region, int line)
    {
        public string? Name { get; set; }
        public string? Address { get; set; }
        public List<Phone> Phones { get; } = [];
        public int Line => line;

        public Centre ToCentre() => new(id, parentId, level, regionOrdinal, region, Name!, Address!, Phones, line);
    }
}
