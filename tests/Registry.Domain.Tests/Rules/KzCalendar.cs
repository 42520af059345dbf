using Registry.Domain.Calendar;

namespace Registry.Domain.Tests.Rules;

/// <summary>The real production calendar the API loads.</summary>
public static class KzCalendar
{
    public static readonly WorkingCalendar Instance =
        CalendarCsv.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "calendar", "kz-production-calendar.csv")));

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");
}
