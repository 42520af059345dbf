using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Events.V1;
using Registry.Domain.Identifiers;

namespace Registry.Projections.Public;

/// <summary>What anyone may see of an issued document. An individual's IIN is masked; refusal reasons and contact
/// persons never reach it (they are not in the snapshot's public part).</summary>
public sealed record PublicDocument(
    string Kind,
    string Number,
    string Status,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    bool Deemed,
    PublicHolder Holder,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Scope,
    IReadOnlyList<PublicStatusChange> History,
    int Version);

public sealed record PublicHolder(string Name, string? Identifier, string IdentifierKind, string Type, string? Region, IReadOnlyList<string> FormerNames);

/// <summary>RecordedAt: when the registry recorded the change (null in read rows projected before it was published).</summary>
public sealed record PublicStatusChange(string Status, DateOnly EffectiveOn, string? Reason, DateTimeOffset? RecordedAt);

public static class PublicView
{
    public static PublicDocument From(DocumentSnapshot d) => new(
        d.Kind, d.Number, d.Status, d.IssuedOn, d.ValidUntil, d.Deemed,
        new PublicHolder(d.Holder.Name, PublicIdentifier(d.Holder), d.Holder.IdentifierKind, d.Holder.ApplicantType, d.Holder.Region, d.Holder.FormerNames),
        d.Sectors, d.Scope,
        [.. d.History.Select(h => new PublicStatusChange(h.Status, h.EffectiveOn, h.Reason, h.RecordedAt))],
        d.Version);

    /// <summary>The identifier the public may search by: a BIN. An IIN identifies a person and stays private.</summary>
    public static string? SearchableIdentifier(HolderSnapshot h) => h.IdentifierKind == "bin" ? h.Identifier : null;

    static string? PublicIdentifier(HolderSnapshot h) =>
        h.IdentifierKind == "iin" && h.Identifier is { } iin ? TaxpayerNumber.Mask(iin) : h.Identifier;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PublicDocument))]
[JsonSerializable(typeof(DocumentChanged))]
public sealed partial class RegistryJson : JsonSerializerContext;
