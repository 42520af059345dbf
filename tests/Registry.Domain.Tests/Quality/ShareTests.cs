using Registry.Domain.Quality;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Quality;

/// <summary>Indicator 1.1 (annex 3, l. 2224): the share of cases decided within the term, counted from submission, as a
/// percentage to one decimal.</summary>
public sealed class ShareTests
{
    [Theory]
    [InlineData(3, 1, "33.3")]
    [InlineData(3, 2, "66.7")]
    [InlineData(8, 7, "87.5")]
    [InlineData(16, 1, "6.3")] // 6.25: half away from zero
    [InlineData(4, 4, "100")]
    [InlineData(5, 0, "0")]
    public void The_share_is_a_percentage_of_the_cases_to_one_decimal(int cases, int counted, string percent) =>
        Assert.Equal(decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), new Share(cases, counted).Percent);

    [Fact]
    public void No_cases_give_no_value_rather_than_zero() => Assert.Null(new Share(0, 0).Percent);

    [Fact]
    public void Cases_decided_on_the_first_and_last_day_of_the_period_count_in_it()
    {
        DecidedCase[] cases =
        [
            new(D("2026-04-20"), D("2026-05-05"), D("2026-05-01"), false),
            new(D("2026-05-20"), D("2026-06-04"), D("2026-05-31"), false),
            new(D("2026-05-20"), D("2026-06-04"), D("2026-06-01"), false),
        ];
        ReportingPeriod.TryParse("2026-05", out var may);
        Assert.Equal(new Share(2, 2), Timeliness.Of(cases, may));
    }

    [Fact]
    public void A_case_deemed_issued_is_late_even_with_its_clock_stopped() =>
        Assert.False(Timeliness.OnTime(new(D("2026-05-04"), null, D("2026-07-01"), DeemedIssued: true)));
}
