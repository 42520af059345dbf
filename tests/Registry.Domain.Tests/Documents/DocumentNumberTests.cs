using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Identifiers;

namespace Registry.Domain.Tests.Documents;

public sealed class DocumentNumberTests
{
    [Theory]
    [InlineData(DocumentKind.Attestation, 2026, 123, "ATT-2026-000123")]
    [InlineData(DocumentKind.Declaration, 2025, 1, "DEC-2025-000001")]
    [InlineData(DocumentKind.StandardAgreement, 2027, 999999, "STA-2027-999999")]
    public void A_number_is_kind_prefix_year_and_six_digit_sequence_without_a_slash(DocumentKind kind, int year, long sequence, string expected)
    {
        Assert.Equal(expected, DocumentNumber.Format(kind, year, sequence));
        Assert.DoesNotContain('/', DocumentNumber.Format(kind, year, sequence));
    }

    [Theory]
    [InlineData("ATT-2026-000123")]
    [InlineData("att 2026 000123")]
    [InlineData("АТТ-2026-000123")] // Cyrillic А and Т
    [InlineData("ATT/2026/000123")]
    [InlineData(" att2026000123 ")]
    public void Numbers_normalise_regardless_of_case_separators_and_cyrillic_look_alikes(string typed) =>
        Assert.Equal("ATT2026000123", DocumentNumber.Normalize(typed));

    [Theory]
    [InlineData(DocumentAction.Suspend, "valid", "suspended")]
    [InlineData(DocumentAction.Reinstate, "suspended", "valid")]
    [InlineData(DocumentAction.Revoke, "valid", "revoked")]
    [InlineData(DocumentAction.Revoke, "suspended", "revoked")]
    [InlineData(DocumentAction.Expire, "valid", "expired")]
    public void Allowed_status_changes(DocumentAction action, string from, string to) =>
        Assert.Equal(Slugs.Parse<DocumentStatus>(to), DocumentLifecycle.Apply(Slugs.Parse<DocumentStatus>(from), action).NewStatus);

    [Theory]
    [InlineData(DocumentAction.Reinstate, "valid")]
    [InlineData(DocumentAction.Suspend, "suspended")]
    [InlineData(DocumentAction.Reinstate, "revoked")]
    [InlineData(DocumentAction.Suspend, "expired")]
    public void Refused_status_changes_say_why(DocumentAction action, string from)
    {
        var transition = DocumentLifecycle.Apply(Slugs.Parse<DocumentStatus>(from), action);
        Assert.False(transition.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(transition.Refusal));
    }

    [Fact]
    public void Documents_have_no_term_unless_one_is_configured()
    {
        Assert.Null(DocumentLifecycle.ValidUntil(new DateOnly(2026, 3, 1), null));
        Assert.Equal(new DateOnly(2031, 2, 28), DocumentLifecycle.ValidUntil(new DateOnly(2026, 3, 1), 60));
    }

    [Theory]
    [InlineData("990140000017", true)]
    [InlineData("990140000018", false)]
    [InlineData("12345678901", false)]
    [InlineData("99014000001X", false)]
    [InlineData("990140000019", false)]
    public void A_bin_is_twelve_digits_with_a_mod_11_check_digit(string bin, bool valid) =>
        Assert.Equal(valid, TaxpayerNumber.IsValid(bin));

    [Fact]
    public void An_iin_is_masked_for_the_public() => Assert.Equal("88********12", TaxpayerNumber.Mask("880101300012"));
}
