namespace Registry.Domain.Calendar;

public enum CalendarDayKind
{
    Holiday,
    MovedDayOff,
    TransferredWorkingDay,
}

public sealed record CalendarEntry(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>Why a day in a deadline computation was or was not counted.</summary>
public sealed record CountedDay(DateOnly Date, bool Counted, string Why);

/// <summary>
/// Kazakhstan's five-day-week production calendar, from data rather than weekday arithmetic: a day is a working day
/// when it is Monday–Friday with no holiday or moved day off, or when it is a Saturday/Sunday made a working day by a
/// transfer order. Outside the years the data covers, the statutory fixed-date holidays are assumed and the
/// explanation says so.
/// </summary>
public sealed class WorkingCalendar
{
    readonly Dictionary<DateOnly, CalendarEntry> entries;
    readonly HashSet<int> coveredYears;

    public WorkingCalendar(IEnumerable<CalendarEntry> entries)
    {
        this.entries = [];
        foreach (var entry in entries)
        {
            // A weekday holiday and a transfer never share a date; where the data lists a holiday twice, keep the first.
            this.entries.TryAdd(entry.Date, entry);
        }
        coveredYears = [.. this.entries.Keys.Select(d => d.Year)];
    }

    public IReadOnlyCollection<int> CoveredYears => coveredYears;

    public bool IsWorkingDay(DateOnly date) => Explain(date).Counted;

    /// <summary>Whether the day counts as a working day, and why.</summary>
    public CountedDay Explain(DateOnly date)
    {
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        if (!coveredYears.Contains(date.Year))
        {
            if (weekend) return new(date, false, "weekend");
            return StatutoryHoliday(date) is { } name
                ? new(date, false, $"{name} (statutory date; no calendar data for {date.Year})")
                : new(date, true, $"working day (no calendar data for {date.Year}: weekdays and statutory holidays only)");
        }
        if (entries.TryGetValue(date, out var entry))
        {
            return entry.Kind switch
            {
                CalendarDayKind.TransferredWorkingDay => new(date, true, $"working day by transfer: {entry.Name}"),
                _ when weekend => new(date, false, $"weekend ({entry.Name})"),
                _ => new(date, false, entry.Name),
            };
        }
        return weekend ? new(date, false, "weekend") : new(date, true, "working day");
    }

    /// <summary>The date <paramref name="days"/> working days after <paramref name="from"/>, which itself is not counted.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days) => WalkWorkingDays(from, days)[^1].Date;

    /// <summary>Every day from the day after <paramref name="from"/> up to the n-th working day, with the reason each counted or not.</summary>
    public IReadOnlyList<CountedDay> WalkWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var walk = new List<CountedDay>();
        var counted = 0;
        var date = from;
        while (counted < days)
        {
            date = date.AddDays(1);
            var day = Explain(date);
            walk.Add(day);
            if (day.Counted) counted++;
        }
        if (walk.Count == 0) walk.Add(new(from, false, "no days to add"));
        return walk;
    }

    public int WorkingDaysIn(int year)
    {
        var count = 0;
        for (var d = new DateOnly(year, 1, 1); d.Year == year; d = d.AddDays(1))
            if (IsWorkingDay(d)) count++;
        return count;
    }

    /// <summary>Fixed-date holidays of the Law on holidays as amended in 2026 (Constitution Day 15 March from 2027, no
    /// 30 August); used only for years without calendar data, with no transfers or moved days off.</summary>
    static string? StatutoryHoliday(DateOnly d) => (d.Month, d.Day) switch
    {
        (1, 1) or (1, 2) => "New Year",
        (1, 7) => "Orthodox Christmas",
        (3, 8) => "International Women's Day",
        (3, 15) when d.Year >= 2027 => "Constitution Day",
        (3, 21) or (3, 22) or (3, 23) => "Nauryz meiramy",
        (5, 1) => "Kazakhstan People's Unity Day",
        (5, 7) => "Defender of the Fatherland Day",
        (5, 9) => "Victory Day",
        (7, 6) => "Capital Day",
        (8, 30) when d.Year <= 2025 => "Constitution Day",
        (10, 25) => "Republic Day",
        (12, 16) => "Independence Day",
        _ => null,
    };
}
