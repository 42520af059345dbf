namespace Registry.Domain.Events.V1;

/// <summary>
/// Emitted whenever an issued document changes (issued, deemed issued, suspended, reinstated, revoked, expired).
/// Carries the document's full public state and its per-document version, so a projector can apply events in any order
/// and converge on the newest.
/// </summary>
public sealed record DocumentChanged(string Change, DocumentSnapshot Document)
{
    public const string Type = "document-changed.v1";
}

public sealed record DocumentSnapshot(
    Guid DocumentId,
    int Version,
    string Kind,
    string Number,
    string Status,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    bool Deemed,
    Guid ApplicationId,
    HolderSnapshot Holder,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Scope,
    IReadOnlyList<StatusChange> History);

/// <summary>Identifier is a BIN or IIN (or null for a non-resident); IdentifierKind says which.</summary>
public sealed record HolderSnapshot(
    Guid Id,
    string Name,
    string? Identifier,
    string IdentifierKind,
    string ApplicantType,
    string? Region,
    IReadOnlyList<string> FormerNames);

public sealed record StatusChange(string Status, DateOnly EffectiveOn, string? Reason, DateTimeOffset RecordedAt);
