using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Applications;

[JsonConverter(typeof(SlugJsonConverter<ApplicationStatus>))]
public enum ApplicationStatus
{
    Submitted,
    UnderReview,
    Suspended,
    Issued,
    Refused,
    DeemedIssued,
}

public enum ApplicationStep
{
    ConfirmComplete,
    SuspendForMissingDocuments,
    ReceiveMissingDocuments,
    Issue,
    Refuse,
    DeemIssued,
}

/// <summary>
/// The life of an application: submitted → (completeness check) → under review, or suspended while documents are
/// missing → under review again when they arrive → issued, refused with reasons, or deemed issued by silence. An
/// officer may decide straight from submitted: the decision itself confirms completeness.
/// </summary>
public static class ApplicationLifecycle
{
    public sealed record Outcome(ApplicationStatus? Next, string? Refusal)
    {
        public bool Allowed => Next is not null;
    }

    public static Outcome Apply(ApplicationStatus status, ApplicationStep step) => (status, step) switch
    {
        (ApplicationStatus.Submitted, ApplicationStep.ConfirmComplete) => new(ApplicationStatus.UnderReview, null),
        (ApplicationStatus.Submitted or ApplicationStatus.UnderReview, ApplicationStep.SuspendForMissingDocuments) => new(ApplicationStatus.Suspended, null),
        (ApplicationStatus.Suspended, ApplicationStep.ReceiveMissingDocuments) => new(ApplicationStatus.UnderReview, null),
        (ApplicationStatus.Submitted or ApplicationStatus.UnderReview, ApplicationStep.Issue) => new(ApplicationStatus.Issued, null),
        (ApplicationStatus.Submitted or ApplicationStatus.UnderReview, ApplicationStep.Refuse) => new(ApplicationStatus.Refused, null),
        (ApplicationStatus.Submitted or ApplicationStatus.UnderReview, ApplicationStep.DeemIssued) => new(ApplicationStatus.DeemedIssued, null),
        (ApplicationStatus.Suspended, ApplicationStep.Issue or ApplicationStep.DeemIssued) =>
            new(null, "Consideration is suspended until the missing documents arrive."),
        (ApplicationStatus.UnderReview, ApplicationStep.ConfirmComplete) => new(null, "Completeness was already confirmed."),
        (ApplicationStatus.Issued or ApplicationStatus.Refused or ApplicationStatus.DeemedIssued, _) => new(null, $"The application is already {status.Slug()}."),
        _ => new(null, $"A {status.Slug()} application cannot take this step."),
    };

    /// <summary>The statuses from which <paramref name="step"/> is allowed: what a sweep may select.</summary>
    public static IReadOnlyList<ApplicationStatus> StatusesAllowing(ApplicationStep step) =>
        [.. Enum.GetValues<ApplicationStatus>().Where(s => Apply(s, step).Allowed)];

    /// <summary>Silence means consent: an application awaiting a decision with no answer by its deadline is deemed
    /// issued the day after the deadline (l. 292/2505/4737/6875/8972/11008). Null when the rule does not apply (yet).</summary>
    public static DateOnly? DeemedIssuedOn(ApplicationStatus status, DateOnly? due, DateOnly today) =>
        Apply(status, ApplicationStep.DeemIssued).Allowed ? Deadlines.DeemedIssuedOn(due, today) : null;
}
