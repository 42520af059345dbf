using Registry.Domain.Applications;
using Registry.Domain.Services;

namespace Registry.Domain.Tests.Applications;

public sealed class SilenceAndCompletenessTests
{
    static readonly DateOnly Due = new(2025, 3, 18);

    [Theory]
    [InlineData(ApplicationStatus.Submitted, "2025-03-19", "2025-03-19")]
    [InlineData(ApplicationStatus.UnderReview, "2025-04-30", "2025-03-19")]
    [InlineData(ApplicationStatus.UnderReview, "2025-03-18", null)]
    [InlineData(ApplicationStatus.Suspended, "2025-04-30", null)]
    [InlineData(ApplicationStatus.Issued, "2025-04-30", null)]
    [InlineData(ApplicationStatus.Refused, "2025-04-30", null)]
    [InlineData(ApplicationStatus.DeemedIssued, "2025-04-30", null)]
    public void Silence_deems_an_application_awaiting_a_decision_issued_the_day_after_its_deadline(ApplicationStatus status, string today, string? deemedOn) =>
        Assert.Equal(deemedOn is null ? null : DateOnly.Parse(deemedOn), ApplicationLifecycle.DeemedIssuedOn(status, Due, DateOnly.Parse(today)));

    [Fact]
    public void Silence_needs_a_running_clock()
    {
        Assert.Null(ApplicationLifecycle.DeemedIssuedOn(ApplicationStatus.UnderReview, null, new DateOnly(2030, 1, 1)));
        Assert.Equal([ApplicationStatus.Submitted, ApplicationStatus.UnderReview], ApplicationLifecycle.StatusesAllowing(ApplicationStep.DeemIssued));
    }

    [Fact]
    public void An_expired_expert_conclusion_refuses_an_application_at_the_completeness_check()
    {
        var permit = ServiceCatalogue.Find("permit")!;
        var verdict = Completeness.Decide(permit, ApplicationStatus.Submitted, new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 2), []);
        Assert.Equal(ApplicationStep.Refuse, verdict.Step);
        Assert.Equal(ApplicationStatus.Refused, verdict.Outcome.Next);
        Assert.Contains("01.01.2025", Assert.Single(verdict.RefusalReasons));
    }

    [Fact]
    public void Missing_documents_suspend_and_a_complete_set_goes_under_review()
    {
        var permit = ServiceCatalogue.Find("permit")!;
        var onTime = new DateOnly(2025, 1, 20);
        var suspended = Completeness.Decide(permit, ApplicationStatus.Submitted, new DateOnly(2025, 1, 1), onTime, ["expert-conclusion"]);
        Assert.Equal((ApplicationStep.SuspendForMissingDocuments, ApplicationStatus.Suspended), (suspended.Step, suspended.Outcome.Next));
        var complete = Completeness.Decide(permit, ApplicationStatus.Submitted, new DateOnly(2025, 1, 1), onTime, []);
        Assert.Equal((ApplicationStep.ConfirmComplete, ApplicationStatus.UnderReview), (complete.Step, complete.Outcome.Next));
        Assert.False(Completeness.Decide(permit, ApplicationStatus.Issued, null, onTime, []).Outcome.Allowed);
    }

    [Fact]
    public void A_missing_document_must_be_one_of_the_service_s_documents()
    {
        var permit = ServiceCatalogue.Find("permit")!;
        Assert.Null(Completeness.UnknownDocument(permit, ["expert-conclusion"]));
        Assert.Equal("charter", Completeness.UnknownDocument(permit, ["application", "charter"]));
    }
}
