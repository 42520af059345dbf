using Registry.Domain.Complaints;
using Registry.Domain.Services;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Complaints;

public sealed class ComplaintRulesTests
{
    static readonly ComplaintContents Complete = new("Бекова Асқар Серікұлы", "Астана, Мәңгілік Ел 8, 12-пәтер", D("2026-03-19"), Signed: true,
        "Бас маман", "Омаров Н.", "Аттестат негізсіз бас тартылды", "Шешімді қайта қарау");

    [Theory]
    [InlineData(ComplaintSubject.ResultDisagreement, ComplaintAddressee.MinistryLeadership)] // para 21
    [InlineData(ComplaintSubject.ImproperService, ComplaintAddressee.CommitteeChair)] // para 22
    [InlineData(ComplaintSubject.CentreStaff, ComplaintAddressee.CentreHead)] // para 22
    public void The_subject_of_a_complaint_decides_its_addressee(ComplaintSubject subject, ComplaintAddressee addressee) =>
        Assert.Equal(addressee, ComplaintAddressees.For(subject));

    [Fact]
    public void The_court_is_never_an_addressee_the_register_takes_complaints_for() =>
        Assert.DoesNotContain(ComplaintAddressee.Court, ComplaintAddressees.Registrable);

    [Fact]
    public void A_complaint_stating_everything_para_24_asks_for_has_no_defects() =>
        Assert.Empty(ComplaintRequirements.Defects(Complete, D("2026-03-20")));

    [Fact]
    public void Every_missing_part_of_a_complaint_is_named_by_its_field()
    {
        var defects = ComplaintRequirements.Defects(new ComplaintContents(" ", null, null, Signed: false, "", null, "", null), D("2026-03-20"));
        Assert.Equal(["applicantFullName", "complaintDate", "demands", "officialName", "officialPosition", "postalAddress", "reasons", "signed"],
            defects.Keys.Order());
    }

    [Fact]
    public void A_complaint_cannot_be_dated_after_the_day_it_was_received() =>
        Assert.Equal(["complaintDate"], ComplaintRequirements.Defects(Complete with { ComplaintDate = D("2026-03-21") }, D("2026-03-20")).Keys);

    [Fact]
    public void A_working_day_term_runs_on_the_production_calendar_across_Nauryz()
    {
        // Received Friday 20 March 2026; 21–25 March are Nauryz and its moved days off.
        var term = new AnswerTerm(5, TermUnit.WorkingDays, "test");
        Assert.Equal(D("2026-04-01"), term.DueOn(D("2026-03-20"), Instance));
    }

    [Fact]
    public void A_calendar_day_term_counts_every_day() =>
        Assert.Equal(D("2026-03-25"), new AnswerTerm(5, TermUnit.CalendarDays, "test").DueOn(D("2026-03-20"), Instance));

    [Theory]
    [InlineData(ComplaintStatus.Registered, ComplaintStep.StartReview, ComplaintStatus.InProgress)]
    [InlineData(ComplaintStatus.InProgress, ComplaintStep.Answer, ComplaintStatus.Answered)]
    [InlineData(ComplaintStatus.Registered, ComplaintStep.RefuseReview, ComplaintStatus.ReviewRefused)]
    [InlineData(ComplaintStatus.InProgress, ComplaintStep.RefuseReview, ComplaintStatus.ReviewRefused)]
    public void A_complaint_moves_through_its_statuses(ComplaintStatus from, ComplaintStep step, ComplaintStatus to) =>
        Assert.Equal(to, ComplaintLifecycle.Apply(from, step).Next);

    [Theory]
    [InlineData(ComplaintStatus.Registered, ComplaintStep.Answer)]
    [InlineData(ComplaintStatus.InProgress, ComplaintStep.StartReview)]
    [InlineData(ComplaintStatus.Answered, ComplaintStep.RefuseReview)]
    [InlineData(ComplaintStatus.ReviewRefused, ComplaintStep.Answer)]
    [InlineData(ComplaintStatus.Answered, ComplaintStep.Answer)]
    public void A_complaint_cannot_skip_review_or_change_after_its_final_status(ComplaintStatus from, ComplaintStep step)
    {
        var outcome = ComplaintLifecycle.Apply(from, step);
        Assert.False(outcome.Allowed);
        Assert.False(string.IsNullOrEmpty(outcome.Refusal));
    }

    [Theory]
    [InlineData(ComplaintStatus.Registered, "2026-04-02", true)]
    [InlineData(ComplaintStatus.InProgress, "2026-04-02", true)]
    [InlineData(ComplaintStatus.InProgress, "2026-04-01", false)] // the last day of the term is still in time
    [InlineData(ComplaintStatus.Answered, "2026-05-01", false)]
    [InlineData(ComplaintStatus.ReviewRefused, "2026-05-01", false)]
    public void An_open_complaint_past_its_answer_day_is_overdue(ComplaintStatus status, string today, bool overdue) =>
        Assert.Equal(overdue, ComplaintDeadline.IsOverdue(status, D("2026-04-01"), D(today)));
}
