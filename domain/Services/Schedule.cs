using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

[JsonConverter(typeof(SlugJsonConverter<SchedulePlace>))]
public enum SchedulePlace
{
    Committee,

    /// <summary>The letter box at the Committee's entrance (services 1–3 only).</summary>
    Mailbox,

    Centre,
    Portal,

    /// <summary>The Ministry's leadership, where complaints about a result go.</summary>
    Ministry,
}

[JsonConverter(typeof(SlugJsonConverter<ScheduleDays>))]
public enum ScheduleDays
{
    /// <summary>Every day except days off and holidays.</summary>
    ExceptDaysOffAndHolidays,

    /// <summary>Monday to Saturday, except Sundays and holidays.</summary>
    MondayToSaturdayExceptSundaysAndHolidays,

    /// <summary>Monday to Saturday, except days off and holidays (services 4 and 5).</summary>
    MondayToSaturdayExceptDaysOffAndHolidays,

    /// <summary>Every day.</summary>
    EveryDay,

    /// <summary>Round the clock.</summary>
    RoundTheClock,
}

/// <summary>When a place receives applicants (para 9). Times are local; null where the seed gives none. WithoutBreak is
/// true where the seed says «үзіліссіз», false where it names a lunch break, null where it does not say.</summary>
public sealed record Schedule(SchedulePlace Place, ScheduleDays Days, TimeOnly? Opens, TimeOnly? Closes, TimeOnly? LunchFrom, TimeOnly? LunchTo,
    bool? WithoutBreak, TimeOnly? CollectedDailyAt, Text Text, SeedRef Seed);
