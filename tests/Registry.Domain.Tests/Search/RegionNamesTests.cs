using Registry.Domain.Search;

namespace Registry.Domain.Tests.Search;

public sealed class RegionNamesTests
{
    [Theory]
    [InlineData("Қарағанды облысы", "", "Қарағанды облысы")]
    [InlineData("Карагандинская область", "", "Қарағанды облысы")]
    [InlineData("ТОО Астана Газ, Карагандинской области", "ТОО Астана Газ", "Қарағанды облысы")] // a Russian adjective in another case
    [InlineData("Карагандинская обл.", "", "Қарағанды облысы")]
    [InlineData("Karaganda region", "", "Қарағанды облысы")]
    [InlineData("Қарағанды облысында Лифт", "Лифт", "Қарағанды облысы")]                         // a Kazakh case ending
    [InlineData("Восточно-Казахстанская область", "", "Шығыс Қазақстан облысы")]
    [InlineData("Область Жетісу", "", "Жетісу облысы")]                                         // the word before the name
    [InlineData("ТОО Лифт ВКО", "ТОО Лифт", "Шығыс Қазақстан облысы")]                            // an abbreviation alone
    [InlineData("ТОО \"Астана Газ\" г. Астана", "ТОО Астана Газ", "Астана")]                       // a city, not the word of the name
    [InlineData("г.Алматы", "", "Алматы")]
    [InlineData("Алматы облысы", "", "Алматы облысы")]                                          // the region, not the city
    [InlineData("Шымкент қаласы", "", "Шымкент")]
    [InlineData("Astana city", "", "Астана")]
    [InlineData("Акмола обл", "", "Ақмола облысы")]                                             // a region's name before a place's
    [InlineData("г. Акмола", "", "Астана")]                                                     // the former name of the city
    [InlineData("Temirtau city", "", "Қарағанды облысы")]                                        // a place: the region it is in
    [InlineData("Сервис г. Караганда", "Сервис", "Қарағанды облысы")]
    [InlineData("г. Алматы ТОО Лифт", "ТОО Лифт", "Алматы")]                                    // the words after the name kept
    [InlineData("Лифт Карагандинскую область", "Лифт", "Қарағанды облысы")]                       // an ending of three letters
    [InlineData("Астана қ.", "", "Астана")]                                                     // қ. for қаласы
    [InlineData("г. ь Алматы", "", "Алматы")]                                                   // a word folded to nothing is none
    public void A_region_named_in_a_query_is_found_and_the_rest_kept_as_typed(string q, string rest, string region) =>
        Assert.Equal(new RegionInQuery(region, rest), RegionNames.Default.Find(q));

    [Theory]
    [InlineData("Алматы")]                 // a city's name alone is a word of names
    [InlineData("ТОО Астана Газ")]
    [InlineData("Павлодарская")]           // no word says it is a region
    [InlineData("ИП Г Иванов")]            // an initial is no city unless a place follows
    [InlineData("Жаңатұрмыс қаласы")]      // no region's name, nor a place's
    [InlineData("обл")]
    [InlineData("ТОО Батыс")]              // the first word of a region's name of two, at the end
    [InlineData("")]
    [InlineData(null)]
    public void A_query_that_names_no_region_is_not_read_as_one(string? q) => Assert.Null(RegionNames.Default.Find(q));

    [Theory]
    [InlineData("Қарағанды облысы", "Қарағанды облысы")]
    [InlineData("Карагандинская область", "Қарағанды облысы")]
    [InlineData("karaganda region", "Қарағанды облысы")]
    [InlineData("КАРАГАНДЫ ОБЛЫСЫ", "Қарағанды облысы")]     // Kazakh on a Russian keyboard, in capitals
    [InlineData("ВКО", "Шығыс Қазақстан облысы")]
    [InlineData("Astana", "Астана")]
    [InlineData("Караганда", null)]                          // a city is no region's name
    [InlineData("Неизвестная область", null)]
    [InlineData(null, null)]
    public void A_filter_value_naming_a_region_is_read_as_the_region_stored(string? value, string? region) =>
        Assert.Equal(region, RegionNames.Default.Named(value));

    [Fact]
    public void Every_region_the_registry_stores_is_listed_with_its_Russian_name()
    {
        Assert.Equal(20, RegionNames.Default.All.Count);
        Assert.Contains(new Region("Ұлытау облысы", "Область Ұлытау"), RegionNames.Default.All);
        Assert.All(PlaceNames.Default.All, p => Assert.Contains(RegionNames.Default.All, r => r.Kazakh == p.Region));
    }

    [Theory]
    [InlineData("Астана;Астана;")]                          // three fields
    [InlineData(";Астана;;")]                               // no Kazakh name
    [InlineData("Астана; ;;")]                              // no Russian name
    public void A_line_that_is_not_a_region_stops_the_start(string line) =>
        Assert.Contains("line 1", Assert.Throws<SearchDataException>(() => RegionNames.Parse(line, PlaceNames.Parse(""))).Message, StringComparison.Ordinal);

    [Fact]
    public void Empty_lists_of_other_names_and_abbreviations_name_nothing()
    {
        var regions = RegionNames.Parse("Астана;Астана;|;|", PlaceNames.Parse(""));
        Assert.Null(regions.Find("ТОО Лифт"));
        Assert.Equal(new RegionInQuery("Астана", "Лифт"), regions.Find("Лифт г. Астана"));
    }

    [Fact]
    public void A_place_in_a_region_the_file_does_not_name_stops_the_start() =>
        Assert.Contains("'Жоқ облысы'", Assert.Throws<SearchDataException>(() =>
            RegionNames.Parse("Астана;Астана;;", PlaceNames.Parse("Қала;Город;;Жоқ облысы"))).Message, StringComparison.Ordinal);
}
