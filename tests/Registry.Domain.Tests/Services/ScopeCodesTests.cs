using Registry.Domain.Services;

namespace Registry.Domain.Tests.Services;

public sealed class ScopeCodesTests
{
    [Theory]
    [InlineData("oil-and-gas", "Мұнай-газ саласы Нефтегазовая отрасль")]
    [InlineData("specialist-training", "Мамандарды даярлау Подготовка специалистов")]
    [InlineData("Огнезащитный состав МПП-11", "Огнезащитный состав МПП-11")]
    [InlineData("gas", "gas")]
    public void A_sector_or_activity_code_is_searched_by_its_names_and_free_text_as_written(string item, string words) =>
        Assert.Equal(words, ScopeCodes.Words(item));

    [Fact]
    public void Only_a_known_code_has_names()
    {
        Assert.Equal(new Text("Энергетика", "Энергетика"), ScopeCodes.Name("power"));
        Assert.Equal(new Text("Техникалық диагностикалау", "Техническое диагностирование"), ScopeCodes.Name("technical-diagnostics"));
        Assert.Null(ScopeCodes.Name("Power"));
    }
}
