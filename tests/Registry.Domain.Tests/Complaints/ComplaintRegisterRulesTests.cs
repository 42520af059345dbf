using Registry.Domain.Complaints;
using Registry.Domain.Services;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Complaints;

/// <summary>
/// The complaint register's own rules, each case walked: the statuses of a portal complaint (жеткізу, тіркеу, орындалу,
/// қарау, қараудан бас тарту — l. 352/2541/4797/6911) and which step each allows, the defects of a complaint that does not
/// state what para 24 asks for (l. 336–338), and the answer term given by configuration (l. 344 sets no day count).
/// </summary>
public sealed class ComplaintRegisterRulesTests
{
    static readonly ComplaintContents Complete = new("Бекова Асқар Серікұлы", "Астана, Мәңгілік Ел 8, 12-пәтер", D("2026-03-19"), Signed: true,
        "Бас маман", "Омаров Н.", "Аттестат негізсіз бас тартылды", "Шешімді қайта қарау");

    /// <summary>Every status × step: the next status, or null where the step is refused.</summary>
    public static TheoryData<ComplaintStatus, ComplaintStep, ComplaintStatus?> EveryStatusAndStep => new()
    {
        { ComplaintStatus.Delivered, ComplaintStep.StartReview, null }, // registered first, at intake with the talon
        { ComplaintStatus.Delivered, ComplaintStep.Answer, null },
        { ComplaintStatus.Delivered, ComplaintStep.RefuseReview, ComplaintStatus.ReviewRefused },
        { ComplaintStatus.Registered, ComplaintStep.StartReview, ComplaintStatus.InProgress },
        { ComplaintStatus.Registered, ComplaintStep.Answer, null },
        { ComplaintStatus.Registered, ComplaintStep.RefuseReview, ComplaintStatus.ReviewRefused },
        { ComplaintStatus.InProgress, ComplaintStep.StartReview, null },
        { ComplaintStatus.InProgress, ComplaintStep.Answer, ComplaintStatus.Answered },
        { ComplaintStatus.InProgress, ComplaintStep.RefuseReview, ComplaintStatus.ReviewRefused },
        { ComplaintStatus.Answered, ComplaintStep.StartReview, null },
        { ComplaintStatus.Answered, ComplaintStep.Answer, null },
        { ComplaintStatus.Answered, ComplaintStep.RefuseReview, null },
        { ComplaintStatus.ReviewRefused, ComplaintStep.StartReview, null },
        { ComplaintStatus.ReviewRefused, ComplaintStep.Answer, null },
        { ComplaintStatus.ReviewRefused, ComplaintStep.RefuseReview, null },
    };

    [Theory]
    [MemberData(nameof(EveryStatusAndStep))]
    public void Each_status_allows_only_its_own_steps_and_a_refused_step_says_why(ComplaintStatus from, ComplaintStep step, ComplaintStatus? next)
    {
        var outcome = ComplaintLifecycle.Apply(from, step);
        Assert.Equal(next, outcome.Next);
        Assert.Equal(next is not null, outcome.Allowed);
        if (next is null) Assert.False(string.IsNullOrWhiteSpace(outcome.Refusal));
        else Assert.Null(outcome.Refusal);
    }

    [Theory]
    [InlineData(ComplaintStatus.Registered, ComplaintStep.Answer, "Start the review before answering.")]
    [InlineData(ComplaintStatus.Answered, ComplaintStep.RefuseReview, "The complaint is already answered.")]
    [InlineData(ComplaintStatus.ReviewRefused, ComplaintStep.Answer, "The complaint is already refused review.")]
    [InlineData(ComplaintStatus.Delivered, ComplaintStep.StartReview, "A complaint that is Delivered cannot take this step.")]
    public void A_refused_step_names_the_reason(ComplaintStatus from, ComplaintStep step, string refusal) =>
        Assert.Equal(refusal, ComplaintLifecycle.Apply(from, step).Refusal);

    [Fact]
    public void Answered_and_review_refused_are_final_and_every_other_status_is_open()
    {
        Assert.Equal([ComplaintStatus.Delivered, ComplaintStatus.Registered, ComplaintStatus.InProgress], ComplaintLifecycle.Open);
        Assert.All(Enum.GetValues<ComplaintStatus>(), s => Assert.Equal(ComplaintLifecycle.Open.Contains(s), ComplaintLifecycle.IsOpen(s)));
    }

    [Fact]
    public void A_complaint_registers_to_the_ministry_the_committee_chair_or_the_centre_head_and_never_to_a_court()
    {
        Assert.Equal([ComplaintAddressee.MinistryLeadership, ComplaintAddressee.CommitteeChair, ComplaintAddressee.CentreHead], ComplaintAddressees.Registrable);
        Assert.Throws<ArgumentOutOfRangeException>(() => ComplaintAddressees.For((ComplaintSubject)99));
    }

    [Fact]
    public void A_complaint_dated_the_day_it_was_received_is_in_order() =>
        Assert.Empty(ComplaintRequirements.Defects(Complete with { ComplaintDate = D("2026-03-20") }, D("2026-03-20")));

    [Fact]
    public void Each_defect_of_a_complaint_says_what_para_24_asks_for()
    {
        var defects = ComplaintRequirements.Defects(new ComplaintContents(null, null, null, Signed: false, null, null, null, null), D("2026-03-20"));
        Assert.Equal(8, defects.Count);
        Assert.All(defects, d => Assert.Contains("(para", d.Value, StringComparison.Ordinal));
        Assert.Contains("signature", defects["signed"], StringComparison.Ordinal);
        Assert.Contains("postal address", defects["postalAddress"], StringComparison.Ordinal);
        Assert.Contains("after the day it was received",
            ComplaintRequirements.Defects(Complete with { ComplaintDate = D("2026-03-21") }, D("2026-03-20"))["complaintDate"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("applicantFullName")]
    [InlineData("postalAddress")]
    [InlineData("officialPosition")]
    [InlineData("officialName")]
    [InlineData("reasons")]
    [InlineData("demands")]
    public void A_blank_part_of_a_complaint_is_a_defect_of_that_part_alone(string field)
    {
        var blank = field switch
        {
            "applicantFullName" => Complete with { ApplicantFullName = "  " },
            "postalAddress" => Complete with { PostalAddress = "" },
            "officialPosition" => Complete with { OfficialPosition = null },
            "officialName" => Complete with { OfficialName = "\t" },
            "reasons" => Complete with { Reasons = null },
            _ => Complete with { Demands = " " },
        };
        Assert.Equal([field], ComplaintRequirements.Defects(blank, D("2026-03-20")).Keys);
    }

    [Fact]
    public void An_unsigned_complaint_has_that_defect_alone() =>
        Assert.Equal(["signed"], ComplaintRequirements.Defects(Complete with { Signed = false }, D("2026-03-20")).Keys);

    [Fact]
    public void An_undated_complaint_has_that_defect_alone() =>
        Assert.Equal(["complaintDate"], ComplaintRequirements.Defects(Complete with { ComplaintDate = null }, D("2026-03-20")).Keys);

    [Theory]
    [InlineData(10, TermUnit.WorkingDays, "10 working-days")]
    [InlineData(30, TermUnit.CalendarDays, "30 calendar-days")]
    public void An_answer_term_describes_itself_in_days_and_unit(int days, TermUnit unit, string said) =>
        Assert.Equal(said, new AnswerTerm(days, unit, "configuration").Describe());

    [Fact]
    public void A_calendar_day_term_ending_on_a_day_off_does_not_move_and_a_working_day_term_skips_weekends()
    {
        // Received Wednesday 25 November 2026: 3 calendar days end on Saturday 28th; 3 working days on Monday 30th.
        Assert.Equal(D("2026-11-28"), new AnswerTerm(3, TermUnit.CalendarDays, "c").DueOn(D("2026-11-25"), Instance));
        Assert.Equal(D("2026-11-30"), new AnswerTerm(3, TermUnit.WorkingDays, "c").DueOn(D("2026-11-25"), Instance));
    }

    [Fact]
    public void A_complaint_not_yet_registered_is_overdue_after_its_answer_day_too() =>
        Assert.True(ComplaintDeadline.IsOverdue(ComplaintStatus.Delivered, D("2026-04-01"), D("2026-04-02")));
}
