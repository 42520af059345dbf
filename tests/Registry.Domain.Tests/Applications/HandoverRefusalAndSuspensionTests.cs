using Registry.Domain.Applications;
using Registry.Domain.Services;
using static Registry.Domain.Tests.Rules.KzCalendar;

namespace Registry.Domain.Tests.Applications;

/// <summary>
/// What the officer is told when a step does not fit the standard, case by case: handing a result over (para 15; paper
/// prints l. 88–92, 6745–6747; post for 4–6 l. 6849, 8958, 10994; Centre storage l. 6853, 8962, 10998), refusing on the
/// service's two grounds (l. 278, 6861), and the day a suspension starts (l. 276 vs 6859).
/// </summary>
public sealed class HandoverRefusalAndSuspensionTests
{
    static ServiceDefinition S(string code) => ServiceCatalogue.Find(code)!;

    [Theory]
    [InlineData("attestation", DeliveryMethod.InPerson, null)]
    [InlineData("attestation", DeliveryMethod.CentreWindow, null)]
    [InlineData("attestation", DeliveryMethod.Post, "A paper print of a attestation result is handed over only at: committee, centre.")]
    [InlineData("accreditation", DeliveryMethod.InPerson, null)]
    [InlineData("accreditation", DeliveryMethod.CentreWindow, "A paper print of a accreditation result is handed over only at: committee.")]
    [InlineData("fire-equipment-conclusion", DeliveryMethod.InPerson, "fire-equipment-conclusion has no paper print of its result: its result is paper.")]
    [InlineData("standard-agreement", DeliveryMethod.CentreWindow, "standard-agreement has no paper print of its result: its result is letter-with-signed-draft.")]
    public void A_paper_print_is_handed_over_only_where_the_standard_prints_one(string code, DeliveryMethod method, string? error) =>
        Assert.Equal(error, ResultHandover.DeliveryError(S(code), Channel.Portal, HandoverItem.PaperCopy, method));

    [Theory]
    [InlineData("attestation", DeliveryMethod.InPerson, "attestation has no duplicate rule.")]
    [InlineData("accreditation", DeliveryMethod.InPerson, null)]
    [InlineData("accreditation", DeliveryMethod.Post, null)]
    [InlineData("standard-agreement", DeliveryMethod.CentreWindow, "The Committee hands a duplicate over in person or posts it.")]
    [InlineData("fire-equipment-conclusion", DeliveryMethod.PersonalCabinet, "The Committee hands a duplicate over in person or posts it.")]
    public void A_duplicate_exists_for_services_four_to_six_and_the_Committee_hands_it_over_or_posts_it(string code, DeliveryMethod method, string? error) =>
        Assert.Equal(error, ResultHandover.DeliveryError(S(code), Channel.Centre, HandoverItem.Duplicate, method));

    [Fact]
    public void A_result_or_a_refusal_goes_back_the_way_the_channel_answers()
    {
        Assert.Equal("A permit application made at the committee gets its answer by: in-person.",
            ResultHandover.DeliveryError(S("permit"), Channel.Committee, HandoverItem.Result, DeliveryMethod.Post));
        Assert.Equal("A accreditation application made at the portal gets its answer by: personal-cabinet.",
            ResultHandover.DeliveryError(S("accreditation"), Channel.Portal, HandoverItem.RefusalNotice, DeliveryMethod.CentreWindow));
        Assert.Equal("A accreditation application made at the committee gets its answer by: post, in-person.",
            ResultHandover.DeliveryError(S("accreditation"), Channel.Committee, HandoverItem.Result, DeliveryMethod.CentreWindow));
        Assert.Null(ResultHandover.DeliveryError(S("accreditation"), Channel.Committee, HandoverItem.Result, DeliveryMethod.Post));
        Assert.Equal([DeliveryMethod.Post, DeliveryMethod.InPerson], ResultHandover.MethodsFor(S("accreditation"), Channel.Committee));
    }

    [Fact]
    public void Only_a_Centre_stores_an_uncollected_result_and_only_for_services_four_to_six()
    {
        Assert.Equal("The standard gives no storage rule at a Centre for attestation.", ResultHandover.StorageError(S("attestation"), Channel.Centre));
        Assert.Equal("Only a result waiting at the Centre that took the application is stored there.", ResultHandover.StorageError(S("accreditation"), Channel.Committee));
        Assert.Null(ResultHandover.StorageError(S("accreditation"), Channel.Centre));
    }

    [Fact]
    public void A_refusal_names_one_or_both_of_its_service_s_grounds_in_any_case()
    {
        var attestation = S("attestation");
        Assert.Equal("A refusal names its grounds: one or both of incomplete-information, industrial-safety-requirements-not-met.",
            Refusals.Decide(attestation, ApplicationStatus.UnderReview, []).Error);
        Assert.Equal("'expert-conclusion-expired' is not a refusal ground of attestation; the seed gives only incomplete-information, industrial-safety-requirements-not-met.",
            Refusals.Decide(attestation, ApplicationStatus.UnderReview, ["INCOMPLETE-INFORMATION", "expert-conclusion-expired"]).Error);
        var both = Refusals.Decide(attestation, ApplicationStatus.UnderReview, ["Industrial-Safety-Requirements-Not-Met", "incomplete-information"]);
        Assert.Null(both.Error);
        Assert.Equal(attestation.RefusalGrounds, both.Grounds); // in the seed's order
        Assert.Equal(ApplicationStatus.Refused, both.Outcome.Next);
        Assert.Equal(attestation.RefusalGrounds[0], Refusals.Ground(attestation, "Incomplete-Information"));
        Assert.Null(Refusals.Ground(attestation, "fewer-than-three-qualified-specialists"));
    }

    [Fact]
    public void A_refused_verdict_carries_no_grounds_and_refuses_the_step()
    {
        var refused = Refusals.Decide(S("permit"), ApplicationStatus.UnderReview, []);
        Assert.Empty(refused.Grounds);
        Assert.False(refused.Outcome.Allowed);
        Assert.Equal(refused.Error, refused.Outcome.Refusal);
    }

    [Fact]
    public void A_suspended_application_is_refused_for_incomplete_information_alone()
    {
        Assert.Equal("A suspended application waits for documents: it can be refused only for incomplete-information.",
            Refusals.Decide(S("attestation"), ApplicationStatus.Suspended, ["incomplete-information", "industrial-safety-requirements-not-met"]).Error);
        Assert.Null(Refusals.Decide(S("attestation"), ApplicationStatus.UnderReview, ["industrial-safety-requirements-not-met"]).Error);
    }

    [Fact]
    public void An_application_already_decided_cannot_be_refused_even_on_a_good_ground()
    {
        var verdict = Refusals.Decide(S("attestation"), ApplicationStatus.Issued, ["incomplete-information"]);
        Assert.Null(verdict.Error);
        Assert.False(verdict.Outcome.Allowed);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("2026-03-31", false)] // on the day due
    [InlineData("2026-03-30", true)]
    public void A_refusal_notice_issued_after_its_due_day_is_marked_late(string? due, bool late)
    {
        var accreditation = S("accreditation");
        var notice = Refusals.Notice(accreditation, "RFN-1", D("2026-03-31"), "ТОО «Мысал»", [accreditation.RefusalGrounds[1]], "Екі маман ғана", "төраға",
            D("2026-03-19"), due is null ? null : D(due));
        Assert.Equal(late, notice.Late);
        Assert.Equal((accreditation.RefusalGrounds[1].Code, accreditation.RefusalGrounds[1].Text), (notice.Grounds.Single().Code, notice.Grounds.Single().Text));
        Assert.Same(accreditation.ResultForm.RefusalMedium, notice.Medium);
        Assert.Same(ServiceCatalogue.Complaints, notice.ComplaintProcedure);
        Assert.Equal(accreditation.Name.Text, notice.ServiceName);
    }

    [Fact]
    public void A_suspension_starts_on_the_day_of_notification_never_before_the_check()
    {
        var checkedOn = D("2026-11-04");
        const string early = "The applicant cannot be notified before the completeness check.";
        Assert.Equal((null, early), Completeness.SuspensionStartsOn(S("permit"), checkedOn, D("2026-11-03")));
        Assert.Equal((null, early), Completeness.SuspensionStartsOn(S("accreditation"), checkedOn, D("2026-11-03")));
        Assert.Equal((checkedOn, null), Completeness.SuspensionStartsOn(S("accreditation"), checkedOn, checkedOn));
        Assert.Equal((D("2026-11-05"), null), Completeness.SuspensionStartsOn(S("permit"), checkedOn, D("2026-11-05")));
        Assert.Equal((null, "accreditation: the suspension starts when the applicant receives the notice (16, l. 6859); give that day as noticeDate."),
            Completeness.SuspensionStartsOn(S("accreditation"), checkedOn, null));
    }

    [Fact]
    public void A_missing_document_may_be_a_non_resident_s_own_and_a_service_without_non_residents_knows_only_its_list()
    {
        var foreign = new RequiredDocument("foreign-registration", new("Тіркеу", "Регистрация"), [Channel.Committee]);
        var permit = S("permit") with { NonResidents = S("permit").NonResidents! with { Documents = [foreign] } };
        Assert.Null(Completeness.UnknownDocument(permit, ["foreign-registration", "application"]));
        Assert.Equal("foreign-registration", Completeness.UnknownDocument(S("attestation"), ["application", "foreign-registration"]));
        Assert.Null(Completeness.UnknownDocument(S("attestation"), ["expert-conclusion"]));
    }
}
