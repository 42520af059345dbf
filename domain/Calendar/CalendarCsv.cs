namespace Registry.Domain.Calendar;

public sealed class CalendarDataException(string message) : Exception(message);

/// <summary>Reads <c>data/calendar/kz-production-calendar.csv</c> (date,kind,name,source). A line that does not parse
/// fails the load, naming the line, so a bad data update cannot silently shift deadlines.</summary>
public static class CalendarCsv
{
    public static WorkingCalendar Parse(string text)
    {
        var entries = new List<CalendarEntry>();
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0) continue;
            var fields = line.Split(',', 4);
            if (fields.Length < 3 || !DateOnly.TryParseExact(fields[0], "yyyy-MM-dd", out var date))
                throw new CalendarDataException($"Calendar line {i + 1} is not 'date,kind,name,source': {line}");
            var kind = fields[1] switch
            {
                "holiday" => CalendarDayKind.Holiday,
                "moved-day-off" => CalendarDayKind.MovedDayOff,
                "transferred-working-day" => CalendarDayKind.TransferredWorkingDay,
                _ => throw new CalendarDataException($"Calendar line {i + 1} has an unknown kind '{fields[1]}': {line}"),
            };
            entries.Add(new CalendarEntry(date, kind, fields[2]));
        }
        return new WorkingCalendar(entries);
    }
}
