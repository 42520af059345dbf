using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Services;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Applications;

/// <summary>The term and its day-by-day explanation (l. 102/2341/4551/6753/8894/10926: the day of acceptance is not
/// counted), suspension (l. 276/2489/4719/6859/8966/11002), the expert conclusion's 3 months (l. 222, 2445, 4665), the
/// accreditation refusal term (l. 6759) and the deemed result (l. 292/2505/4737/6875/8972/11008).</summary>
public sealed class DeadlinesTests
{
    static readonly DeadlineRule FifteenWorkingDays = new(15, DeadlineBasis.WorkingDays);
    static readonly DeadlineRule FifteenCalendarDays = new(15, DeadlineBasis.CalendarDays);
    const string SuspendedWhy = "consideration suspended: documents missing";

    [Fact]
    public void Working_days_are_explained_day_by_day_from_the_day_after_receipt()
    {
        var computation = Deadlines.Compute(FifteenWorkingDays, D("2026-03-20"), [], Instance);
        Assert.Equal(
            [
                new CountedDay(D("2026-03-21"), false, "weekend (Nauryz meiramy (day 1; Saturday))"),
                new CountedDay(D("2026-03-22"), false, "weekend (Nauryz meiramy (day 2; Sunday))"),
                new CountedDay(D("2026-03-23"), false, "Nauryz meiramy (day 3)"),
                new CountedDay(D("2026-03-24"), false, "Nauryz day off moved from Sat 2026-03-21"),
                new CountedDay(D("2026-03-25"), false, "Nauryz day off moved from Sun 2026-03-22"),
                new CountedDay(D("2026-03-26"), true, "working day"),
            ],
            computation.Days.Take(6));
        Assert.Equal(26, computation.Days.Count);
        Assert.Equal(15, computation.Days.Count(d => d.Counted));
        Assert.Equal(new CountedDay(D("2026-04-15"), true, "working day"), computation.Days[^1]);
        Assert.Equal(D("2026-04-15"), computation.Due);
        Assert.Equal(D("2026-03-20"), computation.SubmittedOn);
        Assert.Equal(FifteenWorkingDays, computation.Rule);
    }

    [Fact]
    public void Suspended_days_are_listed_as_not_counted_from_the_notice_to_the_day_the_documents_arrive()
    {
        var computation = Deadlines.Compute(FifteenCalendarDays, D("2026-11-02"), [new Suspension(D("2026-11-04"), D("2026-11-10"))], Instance);
        Assert.Equal(new CountedDay(D("2026-11-03"), true, "calendar day"), computation.Days[0]);
        Assert.Equal(Enumerable.Range(4, 7).Select(day => new CountedDay(new DateOnly(2026, 11, day), false, SuspendedWhy)), computation.Days.Skip(1).Take(7));
        Assert.Equal(new CountedDay(D("2026-11-11"), true, "calendar day"), computation.Days[8]);
        Assert.Equal(22, computation.Days.Count);
        Assert.Equal(D("2026-11-24"), computation.Due);
    }

    [Fact]
    public void A_suspension_overrides_the_calendar_s_own_reason_for_the_day()
    {
        // Sat 7 and Sun 8 November fall inside the suspension: they are listed as suspended, not as a weekend.
        var computation = Deadlines.Compute(FifteenWorkingDays, D("2026-11-02"), [new Suspension(D("2026-11-04"), D("2026-11-09"))], Instance);
        Assert.Equal(Enumerable.Range(4, 6).Select(day => new CountedDay(new DateOnly(2026, 11, day), false, SuspendedWhy)), computation.Days.Skip(1).Take(6));
        Assert.Equal(D("2026-11-27"), computation.Due);
    }

    [Fact]
    public void Several_suspensions_each_stop_the_clock()
    {
        Suspension[] twice = [new(D("2026-11-04"), D("2026-11-05")), new(D("2026-11-09"), D("2026-11-10"))];
        Assert.Equal(D("2026-11-21"), Deadlines.Compute(FifteenCalendarDays, D("2026-11-02"), twice, Instance).Due);
    }

    [Fact]
    public void A_suspension_that_ended_before_receipt_changes_nothing() =>
        Assert.Equal(D("2026-11-17"), Deadlines.Compute(FifteenCalendarDays, D("2026-11-02"), [new Suspension(D("2026-10-01"), D("2026-10-05"))], Instance).Due);

    [Fact]
    public void While_a_suspension_lasts_there_is_no_due_date_but_the_completeness_check_stays_due()
    {
        var computation = Deadlines.Compute(FifteenWorkingDays, D("2026-11-02"), [new Suspension(D("2026-11-04"), null)], Instance);
        Assert.Null(computation.Due);
        Assert.Equal([new CountedDay(D("2026-11-03"), true, "working day")], computation.Days);
        Assert.Equal(D("2026-11-04"), computation.CompletenessCheckDue);
    }

    [Theory]
    [InlineData("2026-11-24", "2026-11-24", true)]  // checked on the day of the expertise
    [InlineData("2026-11-24", "2026-11-23", false)] // the day before the expertise
    [InlineData("2026-08-24", "2026-11-24", true)]  // the last day of the three months
    [InlineData("2026-08-24", "2026-11-25", false)]
    public void An_expert_conclusion_is_valid_from_the_expertise_day_for_three_months(string expertise, string checkedOn, bool valid) =>
        Assert.Equal(valid, Deadlines.ExpertConclusionValid(D(expertise), D(checkedOn)));

    [Fact]
    public void Only_accreditation_has_a_refusal_term_counted_from_the_protocol_decision()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Deadlines.RefusalDue(ServiceCatalogue.Find("attestation")!, D("2026-11-24"), Instance));
        Assert.Equal("attestation has no protocol-decision refusal deadline.", e.Message);
    }

    [Theory]
    [InlineData("2026-11-24", "2026-11-24", null)]         // on the last day the Committee may still answer
    [InlineData("2026-11-24", "2026-11-25", "2026-11-25")]
    [InlineData("2026-11-24", "2027-02-01", "2026-11-25")] // found late by the sweeper: still the day after the term
    [InlineData(null, "2027-02-01", null)]                 // no term while suspended
    public void The_result_is_deemed_given_from_the_day_after_the_term(string? due, string today, string? deemedOn) =>
        Assert.Equal(deemedOn is null ? null : D(deemedOn), Deadlines.DeemedIssuedOn(due is null ? null : D(due), D(today)));
}
