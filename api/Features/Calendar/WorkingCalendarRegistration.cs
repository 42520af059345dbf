using Registry.Domain.Calendar;

namespace Registry.Api.Features.Calendar;

public static class WorkingCalendarRegistration
{
    /// <summary>Loads the calendar CSV (Calendar:Path, default the copy shipped next to the binary) once at start-up;
    /// a bad line stops the start rather than shifting deadlines.</summary>
    public static void AddWorkingCalendar(this WebApplicationBuilder builder)
    {
        var path = builder.Configuration["Calendar:Path"] ?? Path.Combine(AppContext.BaseDirectory, "data", "calendar", "kz-production-calendar.csv");
        builder.Services.AddSingleton(CalendarCsv.Parse(File.ReadAllText(path)));
    }
}
