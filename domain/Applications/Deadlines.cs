using Registry.Domain.Calendar;
using Registry.Domain.Services;

namespace Registry.Domain.Applications;

/// <summary>A period during which consideration was suspended for missing documents; Resumed is null while it lasts.</summary>
public sealed record Suspension(DateOnly Suspended, DateOnly? Resumed);

/// <summary>Due is null while the clock is stopped by an open suspension.</summary>
public sealed record DeadlineComputation(DateOnly SubmittedOn, DeadlineRule Rule, DateOnly? Due, DateOnly CompletenessCheckDue, IReadOnlyList<CountedDay> Days);

public static class Deadlines
{
    /// <summary>
    /// Counts the service's days from the day after receipt. Suspended days — from the suspension notice to the day the
    /// documents arrive, both inclusive — are not counted; counting resumes the next day. Working days follow the
    /// calendar; calendar days count every day.
    /// </summary>
    public static DeadlineComputation Compute(DeadlineRule rule, DateOnly submittedOn, IReadOnlyList<Suspension> suspensions, WorkingCalendar calendar)
    {
        var completenessDue = calendar.AddWorkingDays(submittedOn, ServiceCatalogue.CompletenessCheckWorkingDays);
        var days = new List<CountedDay>();
        var counted = 0;
        var date = submittedOn;
        while (counted < rule.Days)
        {
            date = date.AddDays(1);
            if (suspensions.FirstOrDefault(s => date >= s.Suspended && (s.Resumed is null || date <= s.Resumed)) is { } suspension)
            {
                if (suspension.Resumed is null) return new(submittedOn, rule, null, completenessDue, days);
                days.Add(new(date, false, "consideration suspended: documents missing"));
                continue;
            }
            var day = rule.Basis == DeadlineBasis.CalendarDays ? new CountedDay(date, true, "calendar day") : calendar.Explain(date);
            days.Add(day);
            if (day.Counted) counted++;
        }
        return new(submittedOn, rule, date, completenessDue, days);
    }

    /// <summary>An expert conclusion is valid for three months from the expertise date, that last day included.</summary>
    public static bool ExpertConclusionValid(DateOnly expertiseDate, DateOnly on) =>
        on >= expertiseDate && on <= expertiseDate.AddMonths(ServiceCatalogue.ExpertConclusionValidityMonths);

    /// <summary>Accreditation: a reasoned refusal is due within 5 working days of the protocol decision.</summary>
    public static DateOnly RefusalDue(ServiceDefinition service, DateOnly protocolDecidedOn, WorkingCalendar calendar) =>
        calendar.AddWorkingDays(protocolDecidedOn, service.RefusalDueWorkingDaysAfterProtocol
            ?? throw new InvalidOperationException($"{service.Code} has no protocol-decision refusal deadline."));

    /// <summary>Silence means consent: with no answer by the deadline, the result is deemed issued the day after it.</summary>
    public static DateOnly? DeemedIssuedOn(DateOnly? due, DateOnly today) => due is { } d && today > d ? d.AddDays(1) : null;
}
