using Registry.Api.Website;
using Registry.Api.Website.Pages;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Projections.Public;
using Registry.Domain.Services;

namespace Registry.Web.Tests.Units;

public sealed class LabelsTests
{
    [Fact]
    public void Every_code_the_domain_stores_has_a_kazakh_and_a_russian_label()
    {
        string[] statuses = [.. Slugs.All<DocumentStatus>(), Verification.NotYetIssued];
        foreach (var lang in new[] { Lang.Kk, Lang.Ru })
        {
            Assert.All(statuses, s => Assert.NotEqual(s, Labels.StatusName(s, lang)));
            Assert.All(Slugs.All<DocumentKind>(), k => Assert.NotEqual(k, Labels.KindName(k, lang)));
            Assert.All(Enum.GetValues<ApplicantType>(), t => Assert.NotEqual(t.Slug(), Labels.HolderTypeName(t, lang)));
        }
        Assert.All(Enum.GetValues<ApplicantType>(), a => Assert.True(Labels.Applicants.ContainsKey(a)));
        Assert.All(Enum.GetValues<Channel>(), c => Assert.True(Labels.ChannelNames.ContainsKey(c)));
        Assert.Equal("Абайская область", Labels.RegionName("Абай облысы", Lang.Ru));
    }

    [Fact]
    public void A_total_the_search_stopped_counting_is_worded_as_a_lower_bound()
    {
        Assert.Equal("Найдено более 10 000 документов", Labels.FoundAtLeast(10_000, Lang.Ru).Replace('\u00a0', ' ').Replace('\u202f', ' '));
        Assert.Equal("10 000-нан астам құжат табылды", Labels.FoundAtLeast(10_000, Lang.Kk).Replace('\u00a0', ' ').Replace('\u202f', ' '));
    }

    [Fact]
    public void Kazakh_and_russian_totals_are_worded_for_their_numbers()
    {
        Assert.Equal("Найдено 1 документ", Labels.FoundCount(1, Lang.Ru));
        Assert.Equal("Найдено 3 документа", Labels.FoundCount(3, Lang.Ru));
        Assert.Equal("Найдено 12 документов", Labels.FoundCount(12, Lang.Ru));
        Assert.Equal("Найдено 21 документ", Labels.FoundCount(21, Lang.Ru));
        Assert.Equal("Найдено 1\u00a0234 документа", Labels.FoundCount(1234, Lang.Ru));
        Assert.Equal("5 құжат табылды", Labels.FoundCount(5, Lang.Kk));
    }

    [Fact]
    public void Dates_are_shown_as_dd_mm_yyyy_and_read_in_that_form_or_iso()
    {
        Assert.Equal("05.03.2026", Formats.Date(new DateOnly(2026, 3, 5)));
        Assert.True(Formats.TryReadDate("05.03.2026", out var shown));
        Assert.True(Formats.TryReadDate("2026-03-05", out var iso));
        Assert.Equal(shown, iso);
        Assert.False(Formats.TryReadDate("03/05/2026", out _));
    }

    [Fact]
    public void Bulk_input_takes_one_number_per_line_or_the_first_csv_column_and_skips_a_header()
    {
        Assert.Equal(["ATT-2026-000001", "PRM 2026 000002", "x1"],
            CheckPage.ParseNumbers("Номер;Ескерту\r\n\"ATT-2026-000001\";шахта\n\n  PRM 2026 000002 \t кран\nx1,\n"));
        Assert.Equal(["ATT-2026-000001", "no digits here"], CheckPage.ParseNumbers("ATT-2026-000001\nno digits here"));
    }

    [Fact]
    public void Csv_cells_are_quoted_and_never_run_as_spreadsheet_formulas()
    {
        Assert.Equal("ТОО «Ромашка»", CheckPage.Cell("ТОО «Ромашка»"));
        Assert.Equal("\"ТОО \"\"Ромашка\"\", филиал\"", CheckPage.Cell("ТОО \"Ромашка\", филиал"));
        Assert.Equal("\"'=HYPERLINK(\"\"x\"\")\"", CheckPage.Cell("=HYPERLINK(\"x\")"));
        Assert.Equal("'+7701", CheckPage.Cell("+7701"));
    }
}
