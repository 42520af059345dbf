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
    /// <summary>The term in words, for the public: Kazakh and Russian.</summary>
    public Text Text => Basis == DeadlineBasis.WorkingDays
        ? new($"{Days} жұмыс күні (құжаттарды қабылдаған күн мерзімге кірмейді)", $"{Days} рабочих дней (день приёма документов в срок не входит)")
        : new($"{Days} күнтізбелік күн (құжаттарды қабылдаған күн мерзімге кірмейді)", $"{Days} календарных дней (день приёма документов в срок не входит)");

    public override string ToString() => $"{Days} {(Basis == DeadlineBasis.WorkingDays ? "working" : "calendar")} days, the day of receipt excluded";
}
