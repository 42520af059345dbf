using Registry.Domain.Quality;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Quality;

public sealed class TimelinessTests
{
    static ReportingPeriod Period(string label) => ReportingPeriod.TryParse(label, out var p) ? p : throw new FormatException(label);

    [Theory]
    [InlineData("2026", "2026-01-01", "2026-12-31")]
    [InlineData("2026-Q2", "2026-04-01", "2026-06-30")]
    [InlineData("2026-q4", "2026-10-01", "2026-12-31")]
    [InlineData("2026-02", "2026-02-01", "2026-02-28")]
    public void A_period_is_a_year_a_quarter_or_a_month(string label, string from, string to)
    {
        var p = Period(label);
        Assert.Equal((D(from), D(to)), (p.From, p.To));
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("2026-13")]
    [InlineData("26")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_period(string? label) => Assert.False(ReportingPeriod.TryParse(label, out _));

    [Fact]
    public void A_case_decided_on_its_last_day_is_on_time_and_the_day_after_is_late()
    {
        Assert.True(Timeliness.OnTime(new(D("2026-05-04"), D("2026-05-19"), D("2026-05-19"), DeemedIssued: false)));
        Assert.False(Timeliness.OnTime(new(D("2026-05-04"), D("2026-05-19"), D("2026-05-20"), DeemedIssued: false)));
    }

    [Fact]
    public void A_result_deemed_issued_by_silence_is_late() =>
        Assert.False(Timeliness.OnTime(new(D("2026-05-04"), D("2026-05-19"), D("2026-05-20"), DeemedIssued: true)));

    [Fact]
    public void A_refusal_while_the_clock_is_stopped_by_a_suspension_is_on_time() =>
        Assert.True(Timeliness.OnTime(new(D("2026-05-04"), null, D("2026-07-01"), DeemedIssued: false)));

    [Fact]
    public void The_share_counts_only_cases_decided_in_the_period_and_has_no_value_without_cases()
    {
        DecidedCase[] cases =
        [
            new(D("2026-05-04"), D("2026-05-19"), D("2026-05-15"), false), // on time
            new(D("2026-05-04"), D("2026-05-19"), D("2026-05-25"), false), // late
            new(D("2026-05-04"), D("2026-05-19"), D("2026-05-20"), true), // deemed
            new(D("2026-04-01"), D("2026-04-16"), D("2026-04-10"), false), // April: outside May
        ];
        var may = Timeliness.Of(cases, Period("2026-05"));
        Assert.Equal((3, 1, 33.3m), (may.Cases, may.Counted, may.Percent));
        Assert.Null(Timeliness.Of(cases, Period("2026-01")).Percent);
    }
}
