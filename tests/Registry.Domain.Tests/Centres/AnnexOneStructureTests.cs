using Registry.Domain.Centres;
using Registry.Domain.Search;

namespace Registry.Domain.Tests.Centres;

/// <summary>The parser on a small annex laid out as the decree lays it out (SERVICES.md §10: numbered departments,
/// unnumbered sub-departments, phones on continuation lines without a tab, the next annex's heading in «quotes»), so that
/// each rule of the layout and each import error is checked on a line we can point at.</summary>
public sealed class AnnexOneStructureTests
{
    static List<string> Annex() =>
    [
        "Халыққа қызмет көрсету орталықтарының тізімі",        // line 1
        "\tР/с №\tАтауы\tМекенжайы\tБайланыс деректері",
        "\t1",
        "\t2",
        "\t3",
        "\t4",                                                  // line 6: the column-number row closes the header
        "",
        "\t1. «Ақмола облысы бойынша ХҚО» РМК филиалы",          // line 8
        "",
        "\t1.",                                                 // line 10
        "\t«Ақмола облысы бойынша ХҚО» РМК филиалы",
        "\tКөкшетау қаласы, Әуезов көшесі, 189 а үй",
        "\t8 (7162) 40-10-76",
        "",
        "8 (7162) 40-10-63",                                    // line 15: a continuation phone loses its tab
        "",
        "\t2.",                                                 // line 17
        "\tАқсу аудандық бөлімі",
        "\tЖансүгіров кенті, 20-үй",
        "\t8 (72832) 2-14-51",
        "",
        "\t",
        "\tҚапал бөлімшесі",                                    // line 23: a sub-department after phones and a separator
        "\tҚапал ауылы, 3-үй",
        "\t8 (72841) 2-17-60",
        "\tСарқан бөлімшесі",                                   // line 26: another straight after a phone, no separator
        "\tСарқан қаласы",
        "",
        "\tКөктал бөлімшесі",                                   // line 29: after a separator, the one before had no phone
        "\tКөктал ауылы",
        "",
        "\t2. «Алматы облысы бойынша ХҚО» РМК филиалы",          // line 32
        "\t1.",                                                 // line 33
        "\t«Алматы облысы бойынша ХҚО» РМК филиалы",
        "\tТалдықорған қаласы, Қабанбай батыр көшесі, 26-үй",
        "\t8 (7282) 24-41-33",
        "",
        "«Ұйымдарды",                                           // line 38: the next annex's heading opens here
        "аттестаттау» стандартына",
        "2-қосымша",
    ];

    static int LineOf(List<string> lines, string text) => lines.FindIndex(l => l.Trim() == text);

    [Fact]
    public void Entries_are_read_with_their_level_parent_region_phones_and_source_line()
    {
        Assert.Equal(
            [
                new("01-01", null, CentreLevel.Branch, 1, "Ақмола облысы", "«Ақмола облысы бойынша ХҚО» РМК филиалы", "Көкшетау қаласы, Әуезов көшесі, 189 а үй",
                    [new("8 (7162) 40-10-76", "+77162401076"), new("8 (7162) 40-10-63", "+77162401063")], 10),
                new("01-02", "01-01", CentreLevel.Department, 1, "Ақмола облысы", "Ақсу аудандық бөлімі", "Жансүгіров кенті, 20-үй",
                    [new("8 (72832) 2-14-51", "+77283221451")], 17),
                new("01-02-1", "01-02", CentreLevel.SubDepartment, 1, "Ақмола облысы", "Қапал бөлімшесі", "Қапал ауылы, 3-үй",
                    [new("8 (72841) 2-17-60", "+77284121760")], 23),
                new("01-02-2", "01-02", CentreLevel.SubDepartment, 1, "Ақмола облысы", "Сарқан бөлімшесі", "Сарқан қаласы", [], 26),
                new("01-02-3", "01-02", CentreLevel.SubDepartment, 1, "Ақмола облысы", "Көктал бөлімшесі", "Көктал ауылы", [], 29),
                new("02-01", null, CentreLevel.Branch, 2, "Алматы облысы", "«Алматы облысы бойынша ХҚО» РМК филиалы",
                    "Талдықорған қаласы, Қабанбай батыр көшесі, 26-үй", [new("8 (7282) 24-41-33", "+77282244133")], 33),
            ],
            AnnexOneParser.Parse(Annex()),
            new CentreComparer());
    }

    [Fact]
    public void A_centre_is_searched_by_its_folded_name_address_and_region()
    {
        var kapal = AnnexOneParser.Parse(Annex())[2];
        Assert.Equal(SearchText.Fold("Қапал бөлімшесі Қапал ауылы, 3-үй Ақмола облысы"), kapal.SearchFolded);
        Assert.Equal("капал болимшеси капал ауили 3 уи акмола облиси", kapal.SearchFolded);
    }

    [Fact]
    public void Windows_line_ends_change_nothing() =>
        Assert.Equal(AnnexOneParser.Parse(Annex()).Select(c => (c.Id, c.Name, c.Address)),
            AnnexOneParser.Parse([.. Annex().Select(l => l + "\r")]).Select(c => (c.Id, c.Name, c.Address)));

    [Fact]
    public void A_phone_before_the_entry_has_its_address_fails_the_import_naming_the_line()
    {
        var lines = Annex();
        lines.Insert(LineOf(lines, "Ақсу аудандық бөлімі") + 1, "\t8 (72832) 2-99-99");
        var e = Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines));
        Assert.Equal(19, e.Line);
        Assert.Equal("Annex 1, line 19: a phone number outside an entry: '8 (72832) 2-99-99'", e.Message);
    }

    [Fact]
    public void Regions_out_of_order_fail_the_import()
    {
        var lines = Annex();
        lines[LineOf(lines, "2. «Алматы облысы бойынша ХҚО» РМК филиалы")] = "\t3. «Алматы облысы бойынша ХҚО» РМК филиалы";
        Assert.Equal("Annex 1, line 32: region 2 expected: '3. «Алматы облысы бойынша ХҚО» РМК филиалы'",
            Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines)).Message);
    }

    [Fact]
    public void An_entry_before_any_region_fails_the_import()
    {
        var lines = Annex();
        lines.RemoveAt(LineOf(lines, "1. «Ақмола облысы бойынша ХҚО» РМК филиалы"));
        Assert.Equal("Annex 1, line 9: an entry before any region: '1.'", Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines)).Message);
    }

    [Fact]
    public void A_line_that_is_not_indented_and_not_a_phone_fails_the_import()
    {
        var lines = Annex();
        lines[LineOf(lines, "Сарқан қаласы")] = "Сарқан қаласы";
        Assert.Equal("Annex 1, line 27: text that is neither an indented entry field nor a phone number: 'Сарқан қаласы'",
            Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines)).Message);
    }

    [Fact]
    public void An_entry_without_an_address_fails_the_import_naming_the_entry_s_line()
    {
        var lines = Annex();
        lines.Insert(LineOf(lines, "Ақсу аудандық бөлімі") + 1, "\t3."); // the next numbered entry comes straight after the name
        Assert.Equal("Annex 1, line 17: an entry without an address: 'Ақсу аудандық бөлімі'",
            Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines)).Message);
    }

    [Fact]
    public void A_number_followed_by_another_number_is_an_entry_without_a_name_or_address()
    {
        var lines = Annex();
        lines.Insert(LineOf(lines, "2.") + 1, "\t3.");
        Assert.Equal("Annex 1, line 17: an entry without an address: ''", Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines)).Message);
    }

    [Fact]
    public void A_third_text_line_straight_after_the_address_fails_the_import()
    {
        var lines = Annex();
        lines.Insert(LineOf(lines, "Жансүгіров кенті, 20-үй") + 1, "\tекінші мекенжай");
        Assert.Equal("Annex 1, line 20: a third text line in an entry: 'екінші мекенжай'",
            Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines)).Message);
    }

    [Fact]
    public void A_list_with_no_second_annex_after_it_fails_the_import()
    {
        var lines = Annex();
        lines.RemoveAt(lines.Count - 1);
        Assert.Contains("no annex 2 after the list", Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(lines)).Message);
    }

    [Fact]
    public void The_second_list_is_found_after_the_first()
    {
        var twice = Annex().Concat(Annex().Select(l => l.Replace("Көкшетау", "Щучинск", StringComparison.Ordinal))).ToList();
        Assert.Equal("Щучинск қаласы, Әуезов көшесі, 189 а үй", AnnexOneParser.Parse(twice, 2)[0].Address);
        Assert.Equal(50, AnnexOneParser.Parse(twice, 2)[0].SourceLine);
        Assert.Equal("Көкшетау қаласы, Әуезов көшесі, 189 а үй", AnnexOneParser.Parse(twice, 1)[0].Address);
    }

    [Theory]
    [InlineData("8 (7172) 74-98-22", "+77172749822")]
    [InlineData("8-711-36-92-580", "+77113692580")]
    [InlineData("7 (7172) 74-98-22", null)] // no trunk prefix 8
    [InlineData("8 (7172) 74-98-2", null)]  // ten digits
    [InlineData("", null)]
    public void Only_eleven_digit_numbers_with_the_trunk_prefix_get_an_e164_form(string original, string? e164) =>
        Assert.Equal(e164, AnnexOneParser.E164(original));

    /// <summary>Records with list members compare the lists by reference; compare them by content.</summary>
    sealed class CentreComparer : IEqualityComparer<Centre>
    {
        static readonly Phone[] NoPhones = [];

        public bool Equals(Centre? x, Centre? y) =>
            x is not null && y is not null && x with { Phones = NoPhones } == y with { Phones = NoPhones } && x.Phones.SequenceEqual(y.Phones);

        public int GetHashCode(Centre obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
