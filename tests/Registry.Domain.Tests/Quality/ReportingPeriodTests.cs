using Registry.Domain.Quality;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Quality;

/// <summary>Reporting periods of the quality indicators: the seed's annexes report per year (para 18, l. 304); quarters and
/// months are the same computation over a shorter span. Every edge is walked: the first and last day, the first and last
/// quarter and month, the years the registry accepts.</summary>
public sealed class ReportingPeriodTests
{
    static ReportingPeriod Period(string label) => ReportingPeriod.TryParse(label, out var p) ? p : throw new FormatException(label);

    [Theory]
    [InlineData("2026", "2026", "2026-01-01", "2026-12-31")]
    [InlineData(" 2026 ", "2026", "2026-01-01", "2026-12-31")]
    [InlineData("2026-Q1", "2026-Q1", "2026-01-01", "2026-03-31")]
    [InlineData("2026-Q3", "2026-Q3", "2026-07-01", "2026-09-30")]
    [InlineData("2026-q4", "2026-Q4", "2026-10-01", "2026-12-31")]
    [InlineData("2028-02", "2028-02", "2028-02-01", "2028-02-29")]
    [InlineData("2026-01", "2026-01", "2026-01-01", "2026-01-31")]
    [InlineData("2026-12", "2026-12", "2026-12-01", "2026-12-31")]
    [InlineData("2000", "2000", "2000-01-01", "2000-12-31")]
    [InlineData("2100-06", "2100-06", "2100-06-01", "2100-06-30")]
    public void A_period_has_one_label_and_runs_from_its_first_to_its_last_day(string typed, string label, string from, string to)
    {
        var p = Period(typed);
        Assert.Equal((label, D(from), D(to), D(from).Year), (p.Label, p.From, p.To, p.Year));
    }

    [Theory]
    [InlineData("1999")]
    [InlineData("2101")]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    [InlineData("2026-Q0")]
    [InlineData("2026-1")]
    [InlineData("2026-Q")]
    [InlineData("2026-05-01")]
    public void A_year_outside_2000_to_2100_or_a_month_or_quarter_that_does_not_exist_is_not_a_period(string label)
    {
        Assert.False(ReportingPeriod.TryParse(label, out var p));
        Assert.Null(p);
    }

    [Theory]
    [InlineData("2026-04-30", false)]
    [InlineData("2026-05-01", true)]
    [InlineData("2026-05-31", true)]
    [InlineData("2026-06-01", false)]
    public void A_period_contains_its_first_and_last_day_and_nothing_outside(string day, bool contained) =>
        Assert.Equal(contained, Period("2026-05").Contains(D(day)));
}
