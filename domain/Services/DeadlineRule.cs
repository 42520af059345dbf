using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

[JsonConverter(typeof(SlugJsonConverter<DeadlineBasis>))]
public enum DeadlineBasis
{
    WorkingDays,
    CalendarDays,
}

public sealed record DeadlineRule(int Days, DeadlineBasis Basis)
{
    public override string ToString() => $"{Days} {(Basis == DeadlineBasis.WorkingDays ? "working" : "calendar")} days, the day of receipt excluded";
}
