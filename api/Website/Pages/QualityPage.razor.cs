using System.Globalization;
using Registry.Api.Features.Quality;
using Registry.Domain.Quality;
using Registry.Domain.Services;

namespace Registry.Api.Website.Pages;

public partial class QualityPage
{
    /// <summary>Months: the year's months up to today, each with the same indicators as the year.</summary>
    public sealed record QualityModel(ServiceDefinition Service, int Year, IReadOnlyList<int> Years, QualityReport.IndicatorsReport YearReport,
        IReadOnlyList<QualityReport.IndicatorsReport> Months, Text? Error);

    const int YearsShown = 3;

    /// <summary>A service's indicators for a year (default this year) and for each month of it so far, from the same
    /// cached reports as GET /api/v1/services/{code}/quality-indicators — no scan of the applications per page view.</summary>
    public static async Task<IResult> Handle(Lang lang, string code, string? year, HttpContext http, QualityReport report, CancellationToken ct)
    {
        var site = Site.For(http, lang);
        if (ServiceCatalogue.Find(code) is not { } service) return NotFoundPage.Handle(lang, http);
        var years = Enumerable.Range(0, YearsShown).Select(i => site.Today.Year - i).ToList();
        var chosen = site.Today.Year;
        var valid = string.IsNullOrWhiteSpace(year)
            || (int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out chosen) && chosen >= 2000 && chosen <= site.Today.Year);
        if (!valid) chosen = site.Today.Year;
        ReportingPeriod.TryParse(chosen.ToString(CultureInfo.InvariantCulture), out var whole);
        var yearReport = await report.GetAsync(service, whole, ct);
        var lastMonth = chosen == site.Today.Year ? site.Today.Month : 12;
        var months = new List<QualityReport.IndicatorsReport>();
        for (var m = 1; m <= lastMonth; m++)
        {
            ReportingPeriod.TryParse($"{chosen:D4}-{m:D2}", out var month);
            months.Add(await report.GetAsync(service, month, ct));
        }
        var model = new QualityModel(service, chosen, years, yearReport, months, valid ? null : Labels.YearInvalid);
        if (!valid) return new HtmlPage<QualityPage>(site, model, StatusCodes.Status400BadRequest);
        // Rendered once per address and version of its reports (each recomputed after QualityIndicators:CacheSeconds); the
        // address, because the language switch carries its query.
        var version = string.Join('.', months.Prepend(yearReport).Select(r => r.ComputedAt.UtcTicks));
        return new HtmlPage<QualityPage>(site, model, renderedAs: $"{lang}|{site.PathAndQuery}|{site.Today}|{version}");
    }
}
