namespace Registry.Domain.Complaints;

public enum ComplaintStep
{
    StartReview,
    Answer,
    RefuseReview,
}

/// <summary>
/// The life of a complaint: delivered → registered (at intake, with the talon) → in progress → answered, or review
/// refused from any open status. Answered and review refused are final.
/// </summary>
public static class ComplaintLifecycle
{
    public sealed record Outcome(ComplaintStatus? Next, string? Refusal)
    {
        public bool Allowed => Next is not null;
    }

    public static Outcome Apply(ComplaintStatus status, ComplaintStep step) => (status, step) switch
    {
        (ComplaintStatus.Registered, ComplaintStep.StartReview) => new(ComplaintStatus.InProgress, null),
        (ComplaintStatus.InProgress, ComplaintStep.Answer) => new(ComplaintStatus.Answered, null),
        (ComplaintStatus.Registered, ComplaintStep.Answer) => new(null, "Start the review before answering."),
        (ComplaintStatus.Delivered or ComplaintStatus.Registered or ComplaintStatus.InProgress, ComplaintStep.RefuseReview) => new(ComplaintStatus.ReviewRefused, null),
        (ComplaintStatus.Answered or ComplaintStatus.ReviewRefused, _) => new(null, $"The complaint is already {(status == ComplaintStatus.Answered ? "answered" : "refused review")}."),
        _ => new(null, $"A complaint that is {status} cannot take this step."),
    };

    public static bool IsOpen(ComplaintStatus status) => status is not (ComplaintStatus.Answered or ComplaintStatus.ReviewRefused);

    public static IReadOnlyList<ComplaintStatus> Open => [.. Enum.GetValues<ComplaintStatus>().Where(IsOpen)];
}
