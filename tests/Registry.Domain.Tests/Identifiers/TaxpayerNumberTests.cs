using Registry.Domain.Identifiers;

namespace Registry.Domain.Tests.Identifiers;

/// <summary>BIN and IIN: twelve digits, the last a mod-11 check digit with two weight rows. The seed only names the
/// requisites (IIN/BIN, l. 2142–2144); the algorithm is the state standard for these numbers.</summary>
public sealed class TaxpayerNumberTests
{
    [Theory]
    [InlineData("990140000017", true)]
    [InlineData("990140000018", false)]
    [InlineData("990140000019", false)]
    [InlineData("880101300010", true)]  // an IIN
    [InlineData("12345678901", false)]  // eleven digits
    [InlineData("9901400000170", false)] // thirteen
    [InlineData("99014000001X", false)]
    [InlineData("O90140000017", false)] // letter O for the first 9: its code gives the same sum mod 11, still not a digit
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_taxpayer_number_is_twelve_digits_ending_in_its_check_digit(string? value, bool valid) =>
        Assert.Equal(valid, TaxpayerNumber.IsValid(value));

    [Fact]
    public void When_the_first_weight_row_gives_10_the_second_row_gives_the_check_digit()
    {
        // 9·1+9·2+0·3+1·4+4·5+0+0+0+0+8·10+0·11 = 131 ≡ 10 (mod 11); the second row gives 105 ≡ 6.
        Assert.Equal(6, TaxpayerNumber.CheckDigit("99014000080"));
        Assert.True(TaxpayerNumber.IsValid("990140000806"));
        Assert.False(TaxpayerNumber.IsValid("990140000800"));
    }

    [Fact]
    public void When_both_weight_rows_give_10_no_twelfth_digit_makes_the_number_valid()
    {
        Assert.Equal(-1, TaxpayerNumber.CheckDigit("99014000082"));
        Assert.All(Enumerable.Range(0, 10), digit => Assert.False(TaxpayerNumber.IsValid($"99014000082{digit}")));
    }

    [Theory]
    [InlineData("880101300010", true)]  // born 1 Jan 1988, century/sex digit 3
    [InlineData("880101100018", true)]  // digit 1: lowest
    [InlineData("880101600015", true)]  // digit 6: highest
    [InlineData("880101000011", false)] // digit 0 is no century code
    [InlineData("880101700016", false)] // nor is 7
    [InlineData("880132300017", false)] // 32 January is no birth date
    [InlineData("990140000017", false)] // a BIN: "day" 40
    [InlineData("880101300011", false)] // wrong check digit
    [InlineData(null, false)]
    public void An_iin_opens_with_a_birth_date_and_a_century_digit_from_1_to_6(string? value, bool iin) =>
        Assert.Equal(iin, TaxpayerNumber.LooksLikeIin(value));

    [Theory]
    [InlineData("990140000017", true)]  // 4: a resident legal entity
    [InlineData("990150000011", true)]  // 5: a non-resident one
    [InlineData("990160000016", true)]  // 6: an individual entrepreneur in joint form
    [InlineData("990130000012", false)] // 3: no kind of entity
    [InlineData("990170000010", false)] // 7: none either
    [InlineData("880101300010", false)] // an IIN: the fifth digit starts a day of the month
    [InlineData("990140000018", false)] // wrong check digit
    [InlineData(null, false)]
    public void A_bin_has_the_kind_of_entity_in_its_fifth_digit(string? value, bool bin) =>
        Assert.Equal(bin, TaxpayerNumber.LooksLikeBin(value));

    [Fact]
    public void An_iin_is_shown_to_the_public_without_its_birth_date_and_serial() =>
        Assert.Equal("88********10", TaxpayerNumber.Mask("880101300010"));

    [Theory]
    [InlineData("8801013000")]
    [InlineData("")]
    public void Anything_that_is_not_twelve_characters_is_masked_entirely(string value) =>
        Assert.Equal("************", TaxpayerNumber.Mask(value));
}
