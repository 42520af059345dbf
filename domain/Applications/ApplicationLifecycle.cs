namespace Registry.Domain.Applications;

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
        (ApplicationStatus.Issued or ApplicationStatus.Refused or ApplicationStatus.DeemedIssued, _) => new(null, $"The application is already {Slug(status)}."),
        _ => new(null, $"A {Slug(status)} application cannot take this step."),
    };

    public static string Slug(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.UnderReview => "under-review",
        ApplicationStatus.Suspended => "suspended",
        ApplicationStatus.Issued => "issued",
        ApplicationStatus.Refused => "refused",
        ApplicationStatus.DeemedIssued => "deemed-issued",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static ApplicationStatus Parse(string slug) => Enum.GetValues<ApplicationStatus>().Single(s => s.Slug() == slug);
}
