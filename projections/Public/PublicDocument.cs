using Registry.Domain.Documents;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;

namespace Registry.Projections.Public;

/// <summary>What anyone may see of an issued document. An individual's IIN is masked; refusal reasons and contact
/// persons never reach it (they are not in the snapshot's public part).</summary>
public sealed record PublicDocument(
    DocumentKind Kind,
    string Number,
    DocumentStatus Status,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    bool Deemed,
    PublicHolder Holder,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Scope,
    IReadOnlyList<PublicStatusChange> History,
    int Version);

public sealed record PublicHolder(string Name, string? Identifier, IdentifierKind IdentifierKind, ApplicantType Type, string? Region, IReadOnlyList<string> FormerNames);

/// <summary>RecordedAt: when the registry recorded the change (null in read rows projected before it was published).</summary>
public sealed record PublicStatusChange(DocumentStatus Status, DateOnly EffectiveOn, string? Reason, DateTimeOffset? RecordedAt) : IStatusEntry;
