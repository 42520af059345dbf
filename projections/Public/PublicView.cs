using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Events.V1;
using Registry.Domain.Identifiers;

namespace Registry.Projections.Public;

/// <summary>The public view of a document snapshot, and the rule for which identifier the public may see or search by.</summary>
public static class PublicView
{
    public static PublicDocument From(DocumentSnapshot d) => new(
        d.Kind, d.Number, d.Status, d.IssuedOn, d.ValidUntil, d.Deemed,
        new PublicHolder(d.Holder.Name, PublicIdentifier(d.Holder), d.Holder.IdentifierKind, d.Holder.ApplicantType, d.Holder.Region, d.Holder.FormerNames),
        d.Sectors, d.Scope,
        [.. d.History.Select(h => new PublicStatusChange(h.Status, h.EffectiveOn, h.Reason))],
        d.Version, d.DuplicatesIssuedOn ?? []);

    /// <summary>The identifier the public may search by: a BIN. An IIN identifies a person and stays private.</summary>
    public static string? SearchableIdentifier(HolderSnapshot h) => h.IdentifierKind == IdentifierKind.Bin ? h.Identifier : null;

    static string? PublicIdentifier(HolderSnapshot h) =>
        h.IdentifierKind == IdentifierKind.Iin && h.Identifier is { } iin ? TaxpayerNumber.Mask(iin) : h.Identifier;

    public static string ToJson(PublicDocument document) => JsonSerializer.Serialize(document, PublicJson.Default.PublicDocument);

    public static PublicDocument FromJson(string json) => JsonSerializer.Deserialize(json, PublicJson.Default.PublicDocument)!;
}

/// <summary>The pre-rendered public JSON the read models store for the lookup path.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PublicDocument))]
public sealed partial class PublicJson : JsonSerializerContext;
