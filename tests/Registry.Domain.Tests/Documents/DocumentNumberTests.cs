using Registry.Domain.Common;
using Registry.Domain.Documents;

namespace Registry.Domain.Tests.Documents;

/// <summary>The seed gives no numbering format for any result (SERVICES.md §9); ours is kind prefix, year and sequence.</summary>
public sealed class DocumentNumberTests
{
    [Theory]
    [InlineData(DocumentKind.Attestation, 2026, 123, "ATT-2026-000123")]
    [InlineData(DocumentKind.Permit, 2026, 45, "PRM-2026-000045")]
    [InlineData(DocumentKind.Declaration, 2025, 1, "DEC-2025-000001")]
    [InlineData(DocumentKind.Accreditation, 2024, 7, "ACR-2024-000007")]
    [InlineData(DocumentKind.FireEquipmentConclusion, 2026, 12, "FEC-2026-000012")]
    [InlineData(DocumentKind.StandardAgreement, 2027, 999999, "STA-2027-999999")]
    public void A_number_is_kind_prefix_year_and_six_digit_sequence_without_a_slash(DocumentKind kind, int year, long sequence, string expected) =>
        Assert.Equal(expected, DocumentNumber.Format(kind, year, sequence));

    [Theory]
    [InlineData("ATT-2026-000123")]
    [InlineData("att 2026 000123")]
    [InlineData("АТТ-2026-000123")] // Cyrillic А and Т
    [InlineData("ATT/2026/000123")]
    [InlineData(" att2026000123 ")]
    [InlineData("атт—2026·000123")] // Cyrillic lower case, an em dash and a middle dot
    public void Numbers_normalise_regardless_of_case_separators_and_cyrillic_look_alikes(string typed) =>
        Assert.Equal("ATT2026000123", DocumentNumber.Normalize(typed));

    [Theory]
    [InlineData("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")] // every Russian look-alike, upper case
    [InlineData("авекмнорстху", "ABEKMHOPCTXY")] // and lower case
    [InlineData("ІЈЅ", "IJS")]                   // Kazakh/Ukrainian І and the Serbian Ј, Ѕ
    [InlineData("PRМ-2026-000045", "PRM2026000045")] // a Cyrillic М in a permit number
    [InlineData("НЕС", "HEC")]                   // Н reads as H, not N
    [InlineData("Р", "P")]                       // Р reads as P, not R
    [InlineData("ЖҚБ", "")]                      // Cyrillic letters with no Latin look-alike are dropped
    public void Each_cyrillic_look_alike_reads_as_its_latin_twin(string typed, string normalised) =>
        Assert.Equal(normalised, DocumentNumber.Normalize(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" - / ")]
    public void Nothing_typed_normalises_to_nothing(string? typed) => Assert.Equal("", DocumentNumber.Normalize(typed));

    [Theory]
    [InlineData(DocumentKind.Attestation, "attestation", "ATT")]
    [InlineData(DocumentKind.Permit, "permit", "PRM")]
    [InlineData(DocumentKind.Declaration, "declaration", "DEC")]
    [InlineData(DocumentKind.Accreditation, "accreditation", "ACR")]
    [InlineData(DocumentKind.FireEquipmentConclusion, "fire-equipment-conclusion", "FEC")]
    [InlineData(DocumentKind.StandardAgreement, "standard-agreement", "STA")]
    public void Each_kind_has_its_slug_and_number_prefix(DocumentKind kind, string slug, string prefix)
    {
        Assert.Equal(slug, kind.Slug());
        Assert.Equal(prefix, kind.NumberPrefix());
        Assert.True(Slugs.TryParse<DocumentKind>(slug.ToUpperInvariant(), out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Fact]
    public void Number_prefixes_survive_normalisation_and_differ_from_each_other() =>
        Assert.Equal(DocumentKinds.All.Select(k => k.NumberPrefix()), DocumentKinds.All.Select(k => DocumentNumber.Normalize(k.NumberPrefix())).Distinct());

    [Theory]
    [InlineData("licence")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_kind_slug_is_not_parsed(string? slug)
    {
        Assert.False(Slugs.TryParse<DocumentKind>(slug, out var kind));
        Assert.Equal(default, kind);
    }

    [Fact]
    public void A_kind_outside_the_enum_has_no_slug_and_no_prefix()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DocumentKind)99).Slug());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DocumentKind)99).NumberPrefix());
    }
}
