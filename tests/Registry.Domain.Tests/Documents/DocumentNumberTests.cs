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
    [InlineData(DocumentKind.Attestation, 2026, 1000000, "ATT-2026-1000000")]
    public void A_number_is_kind_prefix_year_and_six_digit_sequence_without_a_slash(DocumentKind kind, int year, long sequence, string expected) =>
        Assert.Equal(expected, DocumentNumber.Format(kind, year, sequence));

    /// <summary>The write side assigns numbers in SQL from these parts (IssuedDocuments.AssignNumber): prefix, then the
    /// sequence padded to six digits; the stored lookup form is the normalised prefix and the same digits.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(999999)]
    [InlineData(1000000)]
    public void A_number_is_its_prefix_and_padded_sequence_and_normalises_part_by_part(long sequence)
    {
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            var digits = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(DocumentNumber.SequenceDigits, '0');
            Assert.Equal(DocumentNumber.Prefix(kind, 2026) + digits, DocumentNumber.Format(kind, 2026, sequence));
            Assert.Equal(DocumentNumber.Normalize(DocumentNumber.Prefix(kind, 2026)) + digits, DocumentNumber.Normalize(DocumentNumber.Format(kind, 2026, sequence)));
        }
    }

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
    [InlineData("ATT-2024-1", "ATT2024000001")]
    [InlineData("att 2024 17", "ATT2024000017")]
    [InlineData("ATT-2O24-OOOOO1", "ATT2024000001")]
    [InlineData("АТТ-2024-000001", "ATT2024000001")]
    [InlineData("ATT2O24000001", "ATT2024000001")]
    [InlineData("ATT-2024-0000012", "ATT2024000012")]
    [InlineData("ATT-2024-OOOOOOO5", "ATT2024000005")]
    [InlineData("ATT-2024-01234567", "ATT20241234567")]
    [InlineData("ATT-2024-01000000", "ATT20241000000")] // the millionth: zeros at its end, not all of it
    [InlineData("ATT-2013-00000l", "ATT2013000001")]    // a lower-case l for a one
    [InlineData("ATT-2OI3-IO", "ATT2013000010")]        // a capital I for a one, beside O for a zero
    [InlineData("АТТ-2024-І7", "ATT2024000017")]        // the Kazakh І, which looks like I
    public void A_number_typed_with_too_few_or_too_many_leading_zeros_or_with_O_for_zero_is_read_as_the_number(string typed, string meant) =>
        Assert.Equal(meant, DocumentNumber.Reading(typed));

    [Theory]
    [InlineData("ATT-2024")]
    [InlineData("ATT-24-1")]
    [InlineData("ATT-2024-1234567")]
    [InlineData("XYZ-2024-1")]
    [InlineData("ATT-2024-1A")]
    [InlineData("ATT-2024-1B")]      // a letter that is no digit's look-alike
    [InlineData("ATT-2024-0000000")] // a zero too many of a sequence of zeros
    public void Text_that_is_not_a_whole_number_has_no_reading(string typed) => Assert.Null(DocumentNumber.Reading(typed));

    [Theory]
    [InlineData("ATT-2024-000")]
    [InlineData("ATT-2024-0")]
    [InlineData("ATT2O24OOOOOO")]
    public void A_sequence_of_zeros_is_no_number_as_sequences_count_from_one_only_the_beginning_of_some(string typed)
    {
        Assert.Null(DocumentNumber.Reading(typed));
        Assert.NotNull(DocumentNumber.PrefixReading(typed));
    }

    [Theory]
    [InlineData("A-T-T 2024 5", "ATT2024000005")]        // separators inside the kind
    [InlineData("ATT-2024-17.", "ATT2024000017")]        // a separator after the last digit
    [InlineData("ATT-2024-000017", "ATT2024000017")]     // six digits of sequence: the stored form
    [InlineData("ATT 2024 0000 17", "ATT2024000017")]    // three groups of ten digits in all
    [InlineData("PRM-2026-45", "PRM2026000045")]
    public void A_number_in_groups_is_read_by_its_year_and_sequence(string typed, string meant) =>
        Assert.Equal(meant, DocumentNumber.Reading(typed));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("ATT-20245-1")]   // a five-digit year
    [InlineData("ATT--2024--")]   // a year and no sequence
    public void Blank_text_or_a_year_without_its_four_digits_and_a_sequence_has_no_reading(string? typed) => Assert.Null(DocumentNumber.Reading(typed));

    [Theory]
    [InlineData("Аттестат № ATT-2024-000123 от 12.03.2024", "ATT2024000123")] // a date after it stays out of its sequence
    [InlineData("No. PRM-2019-45", "PRM2019000045")]
    [InlineData("разрешение №PRM-2019-000045, выданное", "PRM2019000045")]
    [InlineData("https://registry.example.kz/kk/documents/ATT-2024-000123?on=12.03.2026", "ATT2024000123")]
    [InlineData("(ATT/2024/000123)", "ATT2024000123")]                        // a slash parts words, read together again
    [InlineData("Аттестат ATT 2024 000123 берілді", "ATT2024000123")]         // three words
    [InlineData("ДЕКЛАРАЦИЯ DEC-2016-000007; ACR-2020-000001", "DEC2016000007")] // the first of two
    [InlineData("ATT-2024-1", "ATT2024000001")]                                 // a number alone is within itself
    public void A_number_inside_other_text_is_read_as_that_number(string text, string number) => Assert.Equal(number, DocumentNumber.Within(text));

    [Theory]
    [InlineData(null)]
    [InlineData("Аттестат от 12.03.2024")]        // Атт… begins like ATT, but letters follow
    [InlineData("ТОО «СМУ-197302»")]
    [InlineData("ATT-2024 выдан 12.03.2024")]       // a number's beginning is no number
    [InlineData("ATT-2024-000 от 2024")]           // a sequence of zeros
    [InlineData("Свидетельство ACR 2020")]
    public void Text_without_a_whole_number_in_it_has_none_within(string? text) => Assert.Null(DocumentNumber.Within(text));

    [Theory]
    [InlineData("ATT-2024", "ATT2024")]
    [InlineData("атт 2O2", "ATT202")]
    [InlineData("ATT-2024-000001", "ATT2024000001")] // ten digits: a whole number is a beginning too
    [InlineData("ATT2", "ATT2")]
    [InlineData("атт", "ATT")]                        // the kind alone: the start of each of its numbers
    public void The_beginning_of_a_number_is_read_with_O_as_zero(string typed, string prefix) => Assert.Equal(prefix, DocumentNumber.PrefixReading(typed));

    [Theory]
    [InlineData("ATT-2024-0000011")]  // more digits than a number has
    [InlineData("ATT-2024-1A")]
    [InlineData("Stall")]             // a Latin word, not STA11: l is a one only in a whole number
    [InlineData("XYZ-2024")]
    [InlineData(null)]
    public void Text_that_cannot_begin_a_number_has_no_prefix_reading(string? typed) => Assert.Null(DocumentNumber.PrefixReading(typed));

    [Theory]
    [InlineData("ПРМ-2019-45", "PRM2019000045")]     // each kind's letters as a Russian speaker writes them
    [InlineData("дек 2016 7", "DEC2016000007")]
    [InlineData("ДЭК-2016-000007", "DEC2016000007")]
    [InlineData("АКР-2020-1", "ACR2020000001")]
    [InlineData("ФЕЦ-2021-12", "FEC2021000012")]
    [InlineData("ста 2022 8550", "STA2022008550")]
    [InlineData("ЗКЬ-2019-45", "PRM2019000045")]     // the Latin keys pressed with the Russian layout on
    [InlineData("ВУС-2016-7", "DEC2016000007")]
    [InlineData("ФСК-2020-1", "ACR2020000001")]
    [InlineData("АУС-2021-12", "FEC2021000012")]
    [InlineData("ЫЕФ-2022-8550", "STA2022008550")]
    [InlineData("ФЕЕ-2024-1", "ATT2024000001")]
    [InlineData("РРМ-2019-45", "PRM2019000045")]     // Р by look (P), then by sound (R)
    [InlineData("№ ПРМ-2019-45 от 01.02.2019", "PRM2019000045")] // and inside other text
    public void A_kinds_letters_spelled_in_cyrillic_or_typed_on_the_russian_layout_read_as_the_kind(string typed, string meant)
    {
        Assert.Equal(meant, DocumentNumber.Within(typed));
        if (!typed.StartsWith('№')) Assert.Equal(meant, DocumentNumber.Reading(typed));
    }

    [Fact]
    public void A_kinds_letters_spelled_in_cyrillic_normalise_as_the_kind_before_digits_only()
    {
        Assert.Equal("PRM2019000045", DocumentNumber.Normalize("ЗКЬ-2019-000045"));
        Assert.Equal("STA2022008550", DocumentNumber.Normalize(" СТА 2022 008550"));
        Assert.Equal("CTA", DocumentNumber.Normalize("СТА")); // no digits: the look-alikes alone
        Assert.Equal("", DocumentNumber.Normalize("«—»"));   // nothing to read: no letter nor digit
        Assert.Equal("K2019000045", DocumentNumber.Normalize("ЗКЬЬ-2019-000045")); // four letters are no kind's
        Assert.Equal("K2019000045", DocumentNumber.Normalize("З-КЬ-2019-000045")); // nor three apart
    }

    [Theory]
    [InlineData("ПРМ-2019-0", "PRM20190")]
    [InlineData("ПРМ-2019", "PRM2019")]       // joined by a dash, as numbers are written: a year is enough
    [InlineData("ЗКЬ2019", "PRM2019")]
    [InlineData("ДЕК–2019-", "DEC2019")]      // an en dash
    [InlineData("ЗКЬ-2019-00", "PRM201900")]
    [InlineData("ДЕК 2016 0", "DEC20160")]
    public void The_beginning_of_a_number_with_its_kind_in_cyrillic_is_read_after_its_year(string typed, string prefix) =>
        Assert.Equal(prefix, DocumentNumber.PrefixReading(typed));

    [Theory]
    [InlineData("дек 2019")]      // a month and a year: words, not the start of a number
    [InlineData("ПРМ 2019")]      // the same shape
    [InlineData("Дек. 2019")]
    [InlineData("Ста")]
    [InlineData("ЗКЬ")]
    [InlineData("Стандарт 2019-000045")] // more letters than a kind's
    [InlineData("ПРМБ-2019-45")]
    public void Cyrillic_letters_without_the_digits_after_a_year_begin_no_number(string typed)
    {
        Assert.Null(DocumentNumber.Reading(typed));
        Assert.Null(DocumentNumber.PrefixReading(typed));
    }

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
    [InlineData(DocumentAction.Suspend, "valid", "suspended")]
    [InlineData(DocumentAction.Reinstate, "suspended", "valid")]
    [InlineData(DocumentAction.Revoke, "valid", "revoked")]
    [InlineData(DocumentAction.Revoke, "suspended", "revoked")]
    [InlineData(DocumentAction.Expire, "valid", "expired")]
    public void Allowed_status_changes(DocumentAction action, string from, string to) =>
        Assert.Equal(Slugs.Parse<DocumentStatus>(to), DocumentLifecycle.Apply(Slugs.Parse<DocumentStatus>(from), action).NewStatus);

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
