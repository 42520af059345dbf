using Registry.Domain.Documents;

namespace Registry.Domain.Tests.Documents;

/// <summary>A public reason is short and carries no contact details; those go in the internal note, never published.</summary>
public sealed class PublicReasonTests
{
    [Theory]
    [InlineData("Тексеру / Проверка")]
    [InlineData("Бұйрық № 123, 2026 ж. / Приказ № 123 от 2026 г.")]
    [InlineData("123 456 789")] // nine digits: not a phone number or an IIN
    public void A_short_reason_without_contact_details_may_be_published(string reason) => Assert.Null(PublicReason.Problem(reason));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_change_without_a_public_reason_is_refused(string? reason) =>
        Assert.Equal("State a short public reason for the change.", PublicReason.Problem(reason));

    [Fact]
    public void A_public_reason_is_at_most_200_characters_not_counting_the_spaces_around_it()
    {
        Assert.Null(PublicReason.Problem("  " + new string('а', PublicReason.MaxLength) + "  "));
        Assert.Equal("A public reason is at most 200 characters; put details in the internal note.",
            PublicReason.Problem(new string('а', PublicReason.MaxLength + 1)));
    }

    [Theory]
    [InlineData("Звоните +7 (701) 234-56-78")]
    [InlineData("ЖСН 900101300123")]
    [InlineData("тел. 8 7172 60 21 33")]
    [InlineData("1234567890")] // ten digits
    public void A_public_reason_with_a_phone_number_or_an_IIN_is_refused(string reason) =>
        Assert.Contains("internal note, which is never published", PublicReason.Problem(reason), StringComparison.Ordinal);
}
