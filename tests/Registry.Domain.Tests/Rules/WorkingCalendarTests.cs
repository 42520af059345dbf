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
    [InlineData("2024-03-21", false)] // Nauryz day 1, a Thursday
    [InlineData("2025-03-21", false)] // Nauryz day 1, a Friday
    [InlineData("2025-05-09", false)] // Victory Day, a Friday
    [InlineData("2025-12-16", false)] // Independence Day, a Tuesday
    [InlineData("2025-12-17", true)]  // one day only since 2022
    [InlineData("2027-03-15", false)] // Constitution Day from 2027 (provisional data)
    [InlineData("2025-09-01", false)] // Constitution Day 2025 (Sat 30 Aug) moved to Monday
    public void Working_days_follow_holidays_moved_days_off_and_transfers(string date, bool working) =>
        Assert.Equal(working, Instance.IsWorkingDay(D(date)));

    [Fact]
    public void A_year_without_data_falls_back_to_weekdays_and_statutory_holidays_and_says_so()
    {
        Assert.Equal(new CountedDay(D("2030-03-22"), false, "Nauryz meiramy (statutory date; no calendar data for 2030)"), Instance.Explain(D("2030-03-22")));
        Assert.Equal(new CountedDay(D("2030-03-23"), false, "weekend"), Instance.Explain(D("2030-03-23")));
        Assert.Equal(new CountedDay(D("2030-03-25"), true, "working day (no calendar data for 2030: weekdays and statutory holidays only)"),
            Instance.Explain(D("2030-03-25")));
    }

    /// <summary>KZ-CALENDAR.md §1.1 and §1.2 (Law No. 267 as amended in 2022 and 2026; Labour Code art. 84(5)), on a calendar
    /// with no data at all, so every day falls back to the statutory dates.</summary>
    [Theory]
    [InlineData("2029-01-01", "New Year")]
    [InlineData("2029-01-02", "New Year")]
    [InlineData("2030-01-07", "Orthodox Christmas")]
    [InlineData("2029-03-08", "International Women's Day")]
    [InlineData("2029-03-21", "Nauryz meiramy")]
    [InlineData("2029-03-22", "Nauryz meiramy")]
    [InlineData("2029-03-23", "Nauryz meiramy")]
    [InlineData("2029-05-01", "Kazakhstan People's Unity Day")]
    [InlineData("2029-05-07", "Defender of the Fatherland Day")]
    [InlineData("2029-05-09", "Victory Day")]
    [InlineData("2029-07-06", "Capital Day")]
    [InlineData("2029-10-25", "Republic Day")]
    [InlineData("2030-12-16", "Independence Day")]
    [InlineData("2023-08-30", "Constitution Day")] // 30 August up to 2025
    [InlineData("2027-03-15", "Constitution Day")] // 15 March from 2027
    public void Statutory_holidays_are_days_off_in_a_year_without_data(string date, string holiday) =>
        Assert.Equal(new CountedDay(D(date), false, $"{holiday} (statutory date; no calendar data for {D(date).Year})"), new WorkingCalendar([]).Explain(D(date)));

    [Theory]
    [InlineData("2029-03-20")] // the day before Nauryz
    [InlineData("2029-03-26")] // no moved day off without data: Nauryz fell on weekdays anyway
    [InlineData("2029-08-30")] // no Constitution Day on 30 August after 2025
    [InlineData("2023-03-15")] // nor on 15 March before 2027
    [InlineData("2030-12-17")] // Independence Day is one day since 2022
    [InlineData("2029-01-03")]
    public void Other_weekdays_are_working_days_in_a_year_without_data(string date) =>
        Assert.True(new WorkingCalendar([]).Explain(D(date)).Counted);

    [Fact]
    public void The_calendar_covers_the_years_its_data_lists() =>
        Assert.Equal([2024, 2025, 2026, 2027], Instance.CoveredYears.Order());

    [Fact]
    public void Each_day_says_why_it_counts_or_not()
    {
        var calendar = Instance;
        Assert.Equal(new CountedDay(D("2025-01-05"), true, "working day by transfer: Sunday worked in exchange for Fri 2025-01-03 (MLSP order No. 436 of 2024-11-21)"),
            calendar.Explain(D("2025-01-05")));
        Assert.Equal(new CountedDay(D("2026-01-07"), false, "Orthodox Christmas (religious day off)"), calendar.Explain(D("2026-01-07")));
        Assert.Equal(new CountedDay(D("2026-03-22"), false, "weekend (Nauryz meiramy (day 2; Sunday))"), calendar.Explain(D("2026-03-22")));
        Assert.Equal(new CountedDay(D("2026-11-28"), false, "weekend"), calendar.Explain(D("2026-11-28")));
        Assert.Equal(new CountedDay(D("2026-11-27"), true, "working day"), calendar.Explain(D("2026-11-27")));
    }

    [Fact]
    public void Where_the_data_lists_a_date_twice_the_first_entry_wins()
    {
        var calendar = new WorkingCalendar(
        [
            new CalendarEntry(D("2028-05-06"), CalendarDayKind.TransferredWorkingDay, "Saturday worked"),
            new CalendarEntry(D("2028-05-06"), CalendarDayKind.Holiday, "listed again"),
        ]);
        Assert.Equal(new CountedDay(D("2028-05-06"), true, "working day by transfer: Saturday worked"), calendar.Explain(D("2028-05-06")));
    }

    [Fact]
    public void Adding_working_days_walks_from_the_day_after_and_lists_every_day()
    {
        var walk = Instance.WalkWorkingDays(D("2026-03-20"), 1);
        Assert.Equal(6, walk.Count);
        Assert.Equal(new CountedDay(D("2026-03-26"), true, "working day"), walk[^1]);
        Assert.Equal(D("2026-03-26"), Instance.AddWorkingDays(D("2026-03-20"), 1));
    }

    [Fact]
    public void Adding_no_working_days_stays_on_the_day_and_says_so()
    {
        Assert.Equal([new CountedDay(D("2026-03-21"), false, "no days to add")], Instance.WalkWorkingDays(D("2026-03-21"), 0));
        Assert.Equal(D("2026-03-21"), Instance.AddWorkingDays(D("2026-03-21"), 0));
    }

    [Fact]
    public void A_negative_number_of_working_days_is_a_programming_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Instance.WalkWorkingDays(D("2026-03-20"), -1));

    [Fact]
    public void A_bad_calendar_line_fails_the_load_naming_the_line()
    {
        var e = Assert.Throws<CalendarDataException>(() => CalendarCsv.Parse("date,kind,name,source\n2026-01-01,holiday,New Year,x\n2026-13-01,holiday,Oops,x\n"));
        Assert.Equal("Calendar line 3 is not 'date,kind,name,source': 2026-13-01,holiday,Oops,x", e.Message);
    }

    [Theory]
    [InlineData("2026-01-01,holiday")]
    [InlineData("2026-01-01")]
    [InlineData("1 January 2026,holiday,New Year,x")]
    public void A_line_without_a_date_kind_and_name_fails_the_load(string line) =>
        Assert.Equal($"Calendar line 2 is not 'date,kind,name,source': {line}",
            Assert.Throws<CalendarDataException>(() => CalendarCsv.Parse($"date,kind,name,source\n{line}\n")).Message);

    [Fact]
    public void An_unknown_kind_of_day_fails_the_load_naming_the_line_and_the_kind() =>
        Assert.Equal("Calendar line 3 has an unknown kind 'feast': 2028-05-05,feast,Picnic,x",
            Assert.Throws<CalendarDataException>(() => CalendarCsv.Parse("date,kind,name,source\r\n\r\n2028-05-05,feast,Picnic,x\r\n")).Message);

    [Fact]
    public void The_three_kinds_of_day_are_read_from_the_data_and_the_source_may_be_missing_or_hold_commas()
    {
        var calendar = CalendarCsv.Parse(
            "date,kind,name,source\r\n"
            + "2028-05-04,holiday,Picnic Day\r\n"
            + "\r\n"
            + "2028-05-05,moved-day-off,Bridge,https://example.kz/a,b\r\n"
            + "2028-05-06,transferred-working-day,Saturday worked,x\r\n");
        Assert.Equal([2028], calendar.CoveredYears);
        Assert.Equal(new CountedDay(D("2028-05-04"), false, "Picnic Day"), calendar.Explain(D("2028-05-04")));
        Assert.Equal(new CountedDay(D("2028-05-05"), false, "Bridge"), calendar.Explain(D("2028-05-05")));
        Assert.Equal(new CountedDay(D("2028-05-06"), true, "working day by transfer: Saturday worked"), calendar.Explain(D("2028-05-06")));
        Assert.Equal(new CountedDay(D("2028-05-08"), true, "working day"), calendar.Explain(D("2028-05-08")));
    }

    [Fact]
    public void The_first_line_is_the_header_and_is_not_read_as_a_day() =>
        Assert.Empty(CalendarCsv.Parse("2028-05-04,holiday,Picnic Day,x\n").CoveredYears);
}
