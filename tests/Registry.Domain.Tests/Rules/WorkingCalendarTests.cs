using Registry.Domain.Calendar;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Rules;

public sealed class WorkingCalendarTests
{
    [Theory]
    [InlineData(2024, 249)] // the published 248 assumed Kurban Ait on Mon 17 Jun; it fell on Sun 16 Jun
    [InlineData(2025, 246)]
    [InlineData(2026, 247)] // 31 Aug 2026 is a working day: Constitution Day moved to 15 March from 2027
    public void The_calendar_data_gives_the_year_s_working_days(int year, int workingDays) =>
        Assert.Equal(workingDays, Instance.WorkingDaysIn(year));

    [Theory]
    [InlineData("2026-03-23", false)] // Nauryz, Monday
    [InlineData("2026-03-24", false)] // moved from Sat 21 March
    [InlineData("2026-03-25", false)] // moved from Sun 22 March
    [InlineData("2026-03-26", true)]
    [InlineData("2024-05-04", true)]  // Saturday worked by transfer
    [InlineData("2024-05-08", false)] // the day off it bought
    [InlineData("2025-01-05", true)]  // Sunday worked by transfer
    [InlineData("2025-01-03", false)]
    [InlineData("2026-01-07", false)] // Orthodox Christmas, a Wednesday
    [InlineData("2026-08-31", true)]  // no Constitution Day day off in 2026
    [InlineData("2025-12-31", true)]  // 31 December is a working day
    public void Working_days_follow_holidays_moved_days_off_and_transfers(string date, bool working) =>
        Assert.Equal(working, Instance.IsWorkingDay(D(date)));

    [Fact]
    public void A_year_without_data_falls_back_to_weekdays_and_statutory_holidays_and_says_so()
    {
        var day = Instance.Explain(D("2030-03-22"));
        Assert.False(day.Counted);
        Assert.Contains("no calendar data", day.Why);
        Assert.True(Instance.IsWorkingDay(D("2030-03-25")));
    }

    [Fact]
    public void A_bad_calendar_line_fails_the_load_naming_the_line()
    {
        var e = Assert.Throws<CalendarDataException>(() => CalendarCsv.Parse("date,kind,name,source\n2026-01-01,holiday,New Year,x\n2026-13-01,holiday,Oops,x\n"));
        Assert.Contains("line 3", e.Message);
    }
}
