namespace Registry.Domain.Documents;

public enum DocumentAction
{
    Suspend,
    Reinstate,
    Revoke,
    Expire,
}

/// <summary>What may happen to an issued document: a valid one can be suspended, revoked or expire; a suspended one
/// reinstated, revoked or expire; revoked and expired are final.</summary>
public static class DocumentLifecycle
{
    public sealed record Transition(DocumentStatus? NewStatus, string? Refusal)
    {
        public bool Allowed => NewStatus is not null;
    }

    public static Transition Apply(DocumentStatus status, DocumentAction action) => (status, action) switch
    {
        (DocumentStatus.Valid, DocumentAction.Suspend) => new(DocumentStatus.Suspended, null),
        (DocumentStatus.Suspended, DocumentAction.Reinstate) => new(DocumentStatus.Valid, null),
        (DocumentStatus.Valid or DocumentStatus.Suspended, DocumentAction.Revoke) => new(DocumentStatus.Revoked, null),
        (DocumentStatus.Valid or DocumentStatus.Suspended, DocumentAction.Expire) => new(DocumentStatus.Expired, null),
        (DocumentStatus.Suspended, DocumentAction.Suspend) => new(null, "The document is already suspended."),
        (DocumentStatus.Valid, DocumentAction.Reinstate) => new(null, "Only a suspended document can be reinstated."),
        _ => new(null, $"A {status.ToString().ToLowerInvariant()} document is final; it cannot be changed."),
    };

    /// <summary>The statuses from which <paramref name="action"/> is allowed: what a sweep may select.</summary>
    public static IReadOnlyList<DocumentStatus> StatusesAllowing(DocumentAction action) =>
        [.. Enum.GetValues<DocumentStatus>().Where(s => Apply(s, action).Allowed)];

    /// <summary>Documents have no term unless one is configured for their kind (the decree names none).</summary>
    public static DateOnly? ValidUntil(DateOnly issuedOn, int? termMonths) =>
        termMonths is > 0 ? issuedOn.AddMonths(termMonths.Value).AddDays(-1) : null;

    public const string TermEndedReason = "The document's term has ended";

    /// <summary>A document whose term has ended expires the day after its last valid day.</summary>
    public static bool TermEnded(DateOnly? validUntil, DateOnly today) => validUntil is { } until && today > until;
}
