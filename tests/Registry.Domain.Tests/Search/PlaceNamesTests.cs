using Registry.Domain.Search;

namespace Registry.Domain.Tests.Search;

/// <summary>
/// The place-name file's format and what search reads from it, on small files written here: parsed per test, so that a
/// mutant of the parser reaches the test (the shipped file is parsed once, into a static, under whichever mutant ran first).
/// </summary>
public sealed class PlaceNamesTests
{
    const string File = "# places\r\n\r\nАтырау;Атырау;Гурьев;Атырау облысы\r\nӨскемен;Усть-Каменогорск; ;Шығыс Қазақстан облысы\n"
        + "Павлодар;Павлодар;;Павлодар облысы\nАстана;Астана;Целиноград | Акмола|  |Нур-Султан;Астана\n";

    [Fact]
    public void Each_line_is_a_place_under_its_Kazakh_Russian_and_former_names_in_its_region()
    {
        var places = PlaceNames.Parse(File).All;
        Assert.Equal(["Атырау", "Өскемен", "Павлодар", "Астана"], places.Select(p => p.Kazakh));
        Assert.Equal(["Атырау", "Усть-Каменогорск", "Павлодар", "Астана"], places.Select(p => p.Russian));
        Assert.Equal(["Атырау облысы", "Шығыс Қазақстан облысы", "Павлодар облысы", "Астана"], places.Select(p => p.Region));
        Assert.Equal(["Целиноград", "Акмола", "Нур-Султан"], places[3].FormerNames);
        Assert.Empty(places[1].FormerNames);
        Assert.Equal(["Астана", "Астана", "Целиноград", "Акмола", "Нур-Султан"], places[3].AllNames);
    }

    [Fact]
    public void Every_name_of_a_place_finds_its_other_names_folded_as_words()
    {
        var names = PlaceNames.Parse(File);
        Assert.Equal([["гурев"]], names.OtherNames("атирау"));
        Assert.Equal([["атирау"]], names.OtherNames("гурев"));
        Assert.Equal([["уст", "каменогорск"], ["усткаменогорск"]], names.OtherNames("оскемен"));
        Assert.Equal([["оскемен"], ["усткаменогорск"]], names.OtherNames("уст каменогорск"));
        Assert.Equal([["целиноград"], ["акмола"], ["нур", "султан"], ["нурсултан"]], names.OtherNames("астана"));
        Assert.Equal([["астана"], ["целиноград"], ["акмола"], ["нурсултан"]], names.OtherNames("нур султан"));
    }

    [Fact]
    public void A_name_of_several_words_typed_as_one_is_the_same_place()
    {
        var names = PlaceNames.Parse(File);
        Assert.Equal([["астана"], ["целиноград"], ["акмола"], ["нур", "султан"]], names.OtherNames("нурсултан"));
        Assert.Equal([["оскемен"], ["уст", "каменогорск"]], names.OtherNames("усткаменогорск"));
        Assert.Contains("нурсултан", names.Names);
        Assert.DoesNotContain("павлодар", names.Names);
    }

    [Fact]
    public void A_place_known_by_one_name_only_has_no_other_names() =>
        Assert.Empty(PlaceNames.Parse(File).OtherNames("павлодар"));

    [Fact]
    public void The_longest_name_counts_its_words()
    {
        Assert.Equal(2, PlaceNames.Parse(File).LongestName);
        Assert.Equal(3, PlaceNames.Parse("Х;Бас Ел Қала;;Р\n").LongestName);
        Assert.Equal(1, PlaceNames.Parse("Павлодар;Павлодар;;Павлодар облысы\nАқсу;Ақсу;;Р\n").LongestName); // one name: never an alternative
        Assert.Equal(3, PlaceNames.Parse("Павлодар;Павлодар;;Павлодар облысы\nАқ Су Бас;Ақ Су Бас;;Р\n").LongestName); // and ақсубас
    }

    [Theory]
    [InlineData("Атырау;Атырау;Гурьев")]                      // three fields
    [InlineData("Атырау;Атырау;Гурьев;Атырау облысы;артық")]  // five fields
    [InlineData(";Атырау;Гурьев;Атырау облысы")]              // no Kazakh name
    [InlineData("Атырау;;Гурьев;Атырау облысы")]              // no Russian name
    [InlineData("Атырау;Атырау;Гурьев;")]                     // no region
    public void A_line_without_Kazakh_and_Russian_names_and_a_region_stops_the_file_from_loading(string line)
    {
        var error = Assert.Throws<SearchDataException>(() => PlaceNames.Parse("# places\n" + line + "\n"));
        Assert.Contains("line 2 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folded_name_shared_by_two_places_is_named_in_the_error()
    {
        var error = Assert.Throws<SearchDataException>(() => PlaceNames.Parse("Атырау;Атырау;Гурьев;А\nГурьевка;Гурьевка;Гурьев;Б"));
        Assert.Contains("'гурев'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_file_loads() => Assert.True(PlaceNames.Default.All.Count > 20);
}
