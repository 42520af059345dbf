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
    public const string Valid = "valid";
    public const string Suspended = "suspended";
    public const string Revoked = "revoked";
    public const string Expired = "expired";

    public sealed record Transition(string? NewStatus, string? Refusal)
    {
        public bool Allowed => NewStatus is not null;
    }

    public static Transition Apply(string status, DocumentAction action) => (status, action) switch
    {
        (Valid, DocumentAction.Suspend) => new(Suspended, null),
        (Suspended, DocumentAction.Reinstate) => new(Valid, null),
        (Valid or Suspended, DocumentAction.Revoke) => new(Revoked, null),
        (Valid or Suspended, DocumentAction.Expire) => new(Expired, null),
        (Suspended, DocumentAction.Suspend) => new(null, "The document is already suspended."),
        (Valid, DocumentAction.Reinstate) => new(null, "Only a suspended document can be reinstated."),
        _ => new(null, $"A {status} document is final; it cannot be changed."),
    };

    /// <summary>Documents have no term unless one is configured for their kind (the decree names none).</summary>
    public static DateOnly? ValidUntil(DateOnly issuedOn, int? termMonths) =>
        termMonths is > 0 ? issuedOn.AddMonths(termMonths.Value).AddDays(-1) : null;
}
