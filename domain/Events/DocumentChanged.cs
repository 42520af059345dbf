using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Documents;
using Registry.Domain.Identifiers;
using Registry.Domain.Services;

namespace Registry.Domain.Events.V1;

/// <summary>
/// Emitted whenever an issued document changes (issued, deemed issued, suspended, reinstated, revoked, expired).
/// Carries the document's full public state (with the days duplicates were issued, services 4–6) and its per-document version, so a projector can apply events in any order
/// and converge on the newest. The write side appends it to the outbox; projectors read it back with <see cref="EventJson"/>.
/// </summary>
public sealed record DocumentChanged(string Change, DocumentSnapshot Document)
{
    public const string Type = "document-changed.v1";

    public string ToJson() => JsonSerializer.Serialize(this, EventJson.Default.DocumentChanged);

    public static DocumentChanged FromJson(string json) =>
        JsonSerializer.Deserialize(json, EventJson.Default.DocumentChanged) ?? throw new JsonException("An empty document-changed.v1 payload.");
}

public sealed record DocumentSnapshot(
    Guid DocumentId,
    int Version,
    DocumentKind Kind,
    string Number,
    DocumentStatus Status,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    bool Deemed,
    Guid ApplicationId,
    HolderSnapshot Holder,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Scope,
    IReadOnlyList<StatusChange> History,
    IReadOnlyList<DateOnly>? DuplicatesIssuedOn = null);

/// <summary>Identifier is a BIN or IIN (or null for a non-resident); IdentifierKind says which.</summary>
public sealed record HolderSnapshot(
    Guid Id,
    string Name,
    string? Identifier,
    IdentifierKind IdentifierKind,
    ApplicantType ApplicantType,
    string? Region,
    IReadOnlyList<string> FormerNames);

/// <summary>Reason is the public reason only: an officer's internal note never leaves the write side.</summary>
public sealed record StatusChange(DocumentStatus Status, DateOnly EffectiveOn, string? Reason, DateTimeOffset RecordedAt) : IStatusEntry;

/// <summary>The outbox's wire format: camelCase, enums as their slugs, source-generated.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DocumentChanged))]
[JsonSerializable(typeof(ComplaintChanged))]
public sealed partial class EventJson : JsonSerializerContext;
