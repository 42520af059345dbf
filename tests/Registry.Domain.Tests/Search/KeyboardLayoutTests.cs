using Registry.Domain.Search;

namespace Registry.Domain.Tests.Search;

public sealed class KeyboardLayoutTests
{
    [Theory]
    [InlineData("Fcnfyf", "Астана")]
    [InlineData("rfhfufylf", "караганда")]
    [InlineData("Fkvfns Kban", "Алматы Лифт")]          // spaces stay
    [InlineData("<fqnthtr", "Байтерек")]                // a key that is punctuation on one layout is a letter on the other
    [InlineData("~krby", "Ёлкин")]
    [InlineData("ЕусрДшае", "TechLift")]
    [InlineData("Ыфкнфкйф-Ыфкн", "Saryarqa-Sary")]
    public void A_text_typed_on_the_other_layout_reads_as_meant(string typed, string meant) => Assert.Equal(meant, KeyboardLayout.Switched(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2024-000001")]  // no letter
    [InlineData("ATT-2024-1")]   // a number: typed on either layout alike
    [InlineData("Fkvfns 2024")]  // digits: not what a wrong layout produces
    [InlineData("Astana Лифт")]  // both alphabets: typed so on purpose
    [InlineData("Қарағанды")]    // a Kazakh letter is on no English key
    [InlineData("Öskemen")]      // nor a Latin letter with a diacritic on a Russian one
    public void A_text_of_no_one_layout_has_no_other_reading(string? typed) => Assert.Null(KeyboardLayout.Switched(typed));
}
