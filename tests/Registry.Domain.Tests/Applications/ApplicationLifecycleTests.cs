using Registry.Domain.Applications;
using Registry.Domain.Common;
using static Registry.Domain.Applications.ApplicationStatus;
using static Registry.Domain.Applications.ApplicationStep;

namespace Registry.Domain.Tests.Applications;

/// <summary>
/// The application's states, pinned step by step for every status: the completeness check (l. 274/2487/4717/6857/8964/11000),
/// suspension until missing documents arrive (l. 276/2489/4719/6859/8966/11002), the result or a reasoned refusal
/// (l. 88/2333/4539/6745/8888/10920) and the result deemed given when the term passes (l. 292/2505/4737/6875/8972/11008).
/// </summary>
public sealed class ApplicationLifecycleTests
{
    /// <summary>Every status × every step: where it leads, or null when it is refused.</summary>
    public static TheoryData<ApplicationStatus, ApplicationStep, ApplicationStatus?> Table => new()
    {
        { Submitted, ConfirmComplete, UnderReview },
        { Submitted, SuspendForMissingDocuments, ApplicationStatus.Suspended },
        { Submitted, ReceiveMissingDocuments, null },
        { Submitted, Issue, Issued },          // the decision itself confirms completeness
        { Submitted, Refuse, Refused },        // likewise: "incomplete information" is a refusal ground (l. 278)
        { Submitted, DeemIssued, DeemedIssued }, // silence: the completeness check never came either
        { UnderReview, ConfirmComplete, null },
        { UnderReview, SuspendForMissingDocuments, ApplicationStatus.Suspended },
        { UnderReview, ReceiveMissingDocuments, null },
        { UnderReview, Issue, Issued },
        { UnderReview, Refuse, Refused },
        { UnderReview, DeemIssued, DeemedIssued },
        { ApplicationStatus.Suspended, ConfirmComplete, null },
        { ApplicationStatus.Suspended, SuspendForMissingDocuments, null },
        { ApplicationStatus.Suspended, ReceiveMissingDocuments, UnderReview },
        { ApplicationStatus.Suspended, Issue, null },
        { ApplicationStatus.Suspended, Refuse, Refused },    // issue 13: "incomplete information" (l. 278…) applies to a suspended application
        { ApplicationStatus.Suspended, DeemIssued, null },   // the term does not run while suspended
        { Issued, ConfirmComplete, null },
        { Issued, SuspendForMissingDocuments, null },
        { Issued, ReceiveMissingDocuments, null },
        { Issued, Issue, null },
        { Issued, Refuse, null },
        { Issued, DeemIssued, null },
        { Refused, ConfirmComplete, null },
        { Refused, SuspendForMissingDocuments, null },
        { Refused, ReceiveMissingDocuments, null },
        { Refused, Issue, null },
        { Refused, Refuse, null },
        { Refused, DeemIssued, null },
        { DeemedIssued, ConfirmComplete, null },
        { DeemedIssued, SuspendForMissingDocuments, null },
        { DeemedIssued, ReceiveMissingDocuments, null },
        { DeemedIssued, Issue, null },
        { DeemedIssued, Refuse, null },
        { DeemedIssued, DeemIssued, null },
    };

    [Fact]
    public void The_table_covers_every_status_and_every_step() =>
        Assert.Equal(Enum.GetValues<ApplicationStatus>().Length * Enum.GetValues<ApplicationStep>().Length, Table.Count);

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_step_from_each_status_leads_where_the_decree_allows_or_is_refused_with_a_reason(ApplicationStatus from, ApplicationStep step, ApplicationStatus? to)
    {
        var outcome = ApplicationLifecycle.Apply(from, step);
        Assert.Equal(to, outcome.Next);
        Assert.Equal(to is not null, outcome.Allowed);
        if (to is null) Assert.False(string.IsNullOrWhiteSpace(outcome.Refusal));
        else Assert.Null(outcome.Refusal);
    }

    [Theory]
    [InlineData(Issued, "The application is already issued.")]
    [InlineData(Refused, "The application is already refused.")]
    [InlineData(DeemedIssued, "The application is already deemed-issued.")]
    public void A_decided_application_is_final_and_the_refusal_says_how_it_was_decided(ApplicationStatus decided, string refusal) =>
        Assert.All(Enum.GetValues<ApplicationStep>(), step => Assert.Equal(refusal, ApplicationLifecycle.Apply(decided, step).Refusal));

    [Theory]
    [InlineData(ApplicationStatus.Suspended, Issue)]
    [InlineData(ApplicationStatus.Suspended, DeemIssued)]
    public void A_suspended_application_waits_for_its_documents_before_any_result(ApplicationStatus from, ApplicationStep step) =>
        Assert.Equal("Consideration is suspended until the missing documents arrive.", ApplicationLifecycle.Apply(from, step).Refusal);

    [Fact]
    public void Completeness_is_confirmed_once() =>
        Assert.Equal("Completeness was already confirmed.", ApplicationLifecycle.Apply(UnderReview, ConfirmComplete).Refusal);

    [Theory]
    [InlineData(ApplicationStatus.Suspended, SuspendForMissingDocuments, "A suspended application cannot take this step.")]
    [InlineData(Submitted, ReceiveMissingDocuments, "A submitted application cannot take this step.")]
    public void Any_other_step_is_refused_naming_the_status(ApplicationStatus from, ApplicationStep step, string refusal) =>
        Assert.Equal(refusal, ApplicationLifecycle.Apply(from, step).Refusal);

    [Theory]
    [InlineData(Submitted, "submitted")]
    [InlineData(UnderReview, "under-review")]
    [InlineData(ApplicationStatus.Suspended, "suspended")]
    [InlineData(Issued, "issued")]
    [InlineData(Refused, "refused")]
    [InlineData(DeemedIssued, "deemed-issued")]
    public void A_status_is_stored_by_its_slug_and_read_back_from_it(ApplicationStatus status, string slug)
    {
        Assert.Equal(slug, status.Slug());
        Assert.Equal(status, Slugs.Parse<ApplicationStatus>(slug));
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("under_review")]
    [InlineData("")]
    public void A_stored_status_that_is_not_a_slug_fails_loudly(string slug) =>
        Assert.Throws<FormatException>(() => Slugs.Parse<ApplicationStatus>(slug));

    [Fact]
    public void A_status_outside_the_enum_has_no_slug() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((ApplicationStatus)99).Slug());
}
