using System.Text.Json.Serialization;
using Registry.Domain.Calendar;
using Registry.Domain.Common;

namespace Registry.Domain.Complaints;

[JsonConverter(typeof(SlugJsonConverter<TermUnit>))]
public enum TermUnit
{
    WorkingDays,
    CalendarDays,
}

/// <summary>
/// How long the addressee has to answer. The seed sets no day count: review follows "the order and term" of the Law of
/// 12.01.2007 on considering appeals (l. 344/2533/4789/6903/9000/11036), so the term is configuration per addressee,
/// never a constant here.
/// </summary>
public sealed record AnswerTerm(int Days, TermUnit Unit, string Source)
{
    /// <summary>The last day of the term for a complaint received on <paramref name="receivedOn"/> (that day not
    /// counted): working days on the production calendar, or plain calendar days if the configuration says so (the seed
    /// does not say whether a term ending on a day off moves, so a calendar-day term does not).</summary>
    public DateOnly DueOn(DateOnly receivedOn, WorkingCalendar calendar) =>
        Unit == TermUnit.WorkingDays ? calendar.AddWorkingDays(receivedOn, Days) : receivedOn.AddDays(Days);

    public string Describe() => $"{Days} {Unit.Slug()}";
}

public static class ComplaintDeadline
{
    /// <summary>Overdue: still open after its answer day.</summary>
    public static bool IsOverdue(ComplaintStatus status, DateOnly answerDueOn, DateOnly today) =>
        ComplaintLifecycle.IsOpen(status) && today > answerDueOn;
}
