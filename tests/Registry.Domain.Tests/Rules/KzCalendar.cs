using Registry.Domain.Calendar;

namespace Registry.Domain.Tests.Rules;

/// <summary>The real production calendar the API loads. Parsed afresh on every use: a calendar kept in a static field
/// is parsed once per test process, so a mutant of the parser or of the calendar's constructor would never reach the
/// tests that use it (Stryker reported those as false survivors).</summary>
public static class KzCalendar
{
    static readonly string Csv = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "calendar", "kz-production-calendar.csv"));

    public static WorkingCalendar Instance => CalendarCsv.Parse(Csv);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");
}
