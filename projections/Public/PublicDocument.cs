using Registry.Domain.Documents;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;

namespace Registry.Projections.Public;

/// <summary>What anyone may see of an issued document. An individual's IIN is masked; refusal grounds, officers' internal
/// notes and contact persons never reach it (they are not in the snapshot). History reasons are the officers' short
/// public reasons. DuplicatesIssuedOn: the days duplicates of a lost or damaged result were issued (services 4–6).</summary>
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
    int Version,
    IReadOnlyList<DateOnly>? DuplicatesIssuedOn = null);

public sealed record PublicHolder(string Name, string? Identifier, IdentifierKind IdentifierKind, ApplicantType Type, string? Region, IReadOnlyList<string> FormerNames);

public sealed record PublicStatusChange(DocumentStatus Status, DateOnly EffectiveOn, string? Reason) : IStatusEntry;
