using Registry.Domain.Centres;

namespace Registry.Domain.Tests.Centres;

/// <summary>On the real decree text, with counts checked by reading it. The list is parsed for each test (xunit makes a
/// new instance per test), not kept in a static field, so that every mutant of the parser reaches these tests.</summary>
public sealed class AnnexOneParserTests
{
    static readonly string[] Decree = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "decree", "decree-1068.txt"));
    static readonly int[] EntriesPerRegion = [21, 16, 33, 11, 22, 16, 17, 30, 22, 13, 11, 15, 15, 21, 8, 13];
    readonly IReadOnlyList<Centre> centres = AnnexOneParser.Parse(Decree);

    [Fact]
    public void Annex_one_lists_sixteen_regions_in_decree_order()
    {
        var regions = centres.Select(c => c.Region).Distinct().ToList();
        Assert.Equal(16, regions.Count);
        Assert.Equal("Ақмола облысы", regions[0]);
        Assert.Equal("Оңтүстік Қазақстан облысы", regions[13]);
        Assert.Equal(["Алматы қаласы", "Астана қаласы"], regions[14..]);
    }

    [Fact]
    public void Each_region_has_its_number_of_entries()
    {
        Assert.Equal(EntriesPerRegion, centres.GroupBy(c => c.RegionOrdinal).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(284, centres.Count);
        Assert.Equal(16, centres.Count(c => c.Level == CentreLevel.Branch));
        Assert.Equal(24, centres.Count(c => c.Level == CentreLevel.SubDepartment));
    }

    [Fact]
    public void One_entry_has_no_phone_and_there_are_391_phone_numbers()
    {
        Assert.Equal(["Ақши бөлімшесі"], centres.Where(c => c.Phones.Count == 0).Select(c => c.Name));
        Assert.Equal(391, centres.Sum(c => c.Phones.Count));
        var phones = centres.SelectMany(c => c.Phones).ToList();
        Assert.All(phones.Where(p => p.E164 is not null), p => Assert.Matches(@"^\+7\d{10}$", p.E164!));
        // Four numbers in the decree have twelve digits; they keep their text and get no E.164 form.
        Assert.Equal(["8 (71832) 22-91-11", "8 (71832) 22-91-12", "8 (72547) 61-90-56", "8 (72938) 33-28-44"],
            phones.Where(p => p.E164 is null).Select(p => p.Original).Order());
    }

    [Fact]
    public void The_regional_branch_is_checked_field_by_field()
    {
        var akmola = centres[0];
        Assert.Equal("01-01", akmola.Id);
        Assert.Null(akmola.ParentId);
        Assert.Equal(CentreLevel.Branch, akmola.Level);
        Assert.Equal("«Ақмола облысы бойынша ХҚО» РМК филиалы", akmola.Name);
        Assert.Equal("Көкшетау қаласы, Әуезов көшесі, 189 а үй", akmola.Address);
        Assert.Equal([new Phone("8 (7162) 40-10-76", "+77162401076"), new Phone("8 (7162) 40-10-63", "+77162401063")], akmola.Phones);
    }

    [Fact]
    public void A_department_keeps_every_phone_even_a_repeated_one()
    {
        var arshaly = centres.Single(c => c.Name == "Аршалы аудандық бөлімі");
        Assert.Equal("01-05", arshaly.Id);
        Assert.Equal("01-01", arshaly.ParentId);
        Assert.Equal(["+77164421077", "+77164422828", "+77164421077"], arshaly.Phones.Select(p => p.E164));
    }

    [Fact]
    public void A_sub_department_hangs_under_the_department_before_it()
    {
        var kapal = centres.Single(c => c.Name == "Қапал бөлімшесі");
        Assert.Equal(CentreLevel.SubDepartment, kapal.Level);
        Assert.Equal("03-02", kapal.ParentId);
        Assert.Equal("Ақсу аудандық бөлімі", centres.Single(c => c.Id == kapal.ParentId).Name);
        Assert.Equal("Қапал ауылы, Алпысбаев көшесі, 3-үй", kapal.Address);
        Assert.Equal("+77284121760", kapal.Phones.Single().E164);
    }

    [Fact]
    public void A_department_name_repeated_with_another_address_stays_two_entries_and_addresses_without_a_number_are_kept()
    {
        var shymkent1 = centres.Where(c => c.Name == "Шымкент қалалық № 1 бөлімі").ToList();
        Assert.Equal(2, shymkent1.Count);
        Assert.Equal("Шымкент қаласы, Мәделі Қожа көшесі, нөмірсіз", shymkent1[0].Address);
        Assert.Equal("Шымкент қаласы, Республика көшесі, 15-үй", shymkent1[1].Address);
        Assert.NotEqual(shymkent1[0].Id, shymkent1[1].Id);
    }

    [Fact]
    public void The_last_entry_of_the_last_region_ends_before_the_next_annex_heading()
    {
        var last = centres[^1];
        Assert.Equal("Есіл аудандық бөлімшесі", last.Name);
        Assert.Equal("Астана қаласы", last.Region);
        Assert.Equal("+77172509195", last.Phones.Single().E164);
    }

    /// <summary>Each list on its own against what reading the decree gives (SERVICES.md §10: annex 1 of #1 at l. 369–2126,
    /// #2 l. 2554–4311, #3 l. 4807–6564, #4 l. 6926–8683, #5 l. 9021–10778, #6 l. 11059–12816), then entry for entry
    /// against the first.</summary>
    [Theory]
    [InlineData(1, 369, 2126)]
    [InlineData(2, 2554, 4311)]
    [InlineData(3, 4807, 6564)]
    [InlineData(4, 6926, 8683)]
    [InlineData(5, 9021, 10778)]
    [InlineData(6, 11059, 12816)]
    public void All_six_standards_repeat_the_same_list(int list, int firstLine, int lastLine)
    {
        var other = AnnexOneParser.Parse(Decree, list);
        Assert.Equal(EntriesPerRegion, other.GroupBy(c => c.RegionOrdinal).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(391, other.Sum(c => c.Phones.Count));
        Assert.Equal("«Ақмола облысы бойынша ХҚО» РМК филиалы", other[0].Name);
        Assert.Equal("Есіл аудандық бөлімшесі", other[^1].Name);
        Assert.All(other, c => Assert.InRange(c.SourceLine, firstLine, lastLine));
        Assert.Equal(centres.Select(c => (c.Id, c.ParentId, c.Level, c.Region, c.Name, c.Address, string.Join(';', c.Phones))),
            other.Select(c => (c.Id, c.ParentId, c.Level, c.Region, c.Name, c.Address, string.Join(';', c.Phones))));
    }

    [Fact]
    public void There_is_no_seventh_list()
    {
        var e = Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(Decree, 7));
        Assert.Equal("Annex 1, line 0: list 7 of Public Service Centres not found: 'Халыққа қызмет көрсету орталықтарының тізімі'", e.Message);
    }

    [Theory]
    [InlineData("8 (7172) 74-98-22", "+77172749822")]
    [InlineData("8-711-36-92-580", "+77113692580")]
    [InlineData("8 (701) 123-45-67", "+77011234567")]
    [InlineData("8 (72938) 33-28-44", null)]
    public void Phone_numbers_are_normalised_to_e164(string original, string? e164) => Assert.Equal(e164, AnnexOneParser.E164(original));

    [Fact]
    public void A_line_the_parser_cannot_place_fails_the_import_naming_the_line()
    {
        var garbled = Decree.ToArray();
        var index = Array.FindIndex(garbled, l => l.Contains("Көкшетау қалалық бөлімі", StringComparison.Ordinal));
        garbled[index - 1] = "Көкшетау?";
        var e = Assert.Throws<CentresParseException>(() => AnnexOneParser.Parse(garbled));
        Assert.Equal(index, e.Line);
        Assert.Contains($"line {index}", e.Message);
    }
}
