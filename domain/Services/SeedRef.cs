namespace Registry.Domain.Services;

/// <summary>Where a rule stands in the seed, decree No. 1068 of 22 August 2012 as restated (data/decree/decree-1068.txt):
/// the standard's paragraph (or annex) and the line numbers of that file. Tests check the quoted Kazakh text is there.</summary>
public sealed record SeedRef(string Paragraph, IReadOnlyList<int> Lines)
{
    public static SeedRef At(string paragraph, params int[] lines) => new(paragraph, lines);

    public override string ToString() => $"{Paragraph}, l. {string.Join(", ", Lines)}";
}
