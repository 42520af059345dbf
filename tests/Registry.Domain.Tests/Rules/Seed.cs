using System.Text.RegularExpressions;

namespace Registry.Domain.Tests.Rules;

/// <summary>The seed itself — decree No. 1068 as shipped in data/decree/decree-1068.txt — so the catalogue is checked
/// against the decree's own lines, not against itself.</summary>
public static partial class Seed
{
    static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "decree", "decree-1068.txt"));

    /// <summary>The standards' line ranges (digest, section 1); lines before 51 are the decree's own header.</summary>
    public static readonly IReadOnlyDictionary<int, (int First, int Last)> Standards = new Dictionary<int, (int, int)>
    {
        [1] = (51, 2297), [2] = (2308, 4473), [3] = (4502, 6699), [4] = (6720, 8833), [5] = (8861, 10868), [6] = (10895, 12906),
    };

    public static string Line(int number) => Normalize(Lines[number - 1]);

    /// <summary>Does the line say this, word for word (whitespace, including the seed's non-breaking spaces, aside)?</summary>
    public static bool Says(int line, string text) => Line(line).Contains(Normalize(text), StringComparison.Ordinal);

    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
