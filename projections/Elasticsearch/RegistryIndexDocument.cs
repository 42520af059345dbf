using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Search;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Elasticsearch;

/// <summary>
/// One document in the registry-documents index. Text is folded in C# with <see cref="SearchText.Fold"/> — the same
/// function the PostgreSQL backend uses — so the analyzers only tokenize, lower-case and n-gram, and both backends see
/// identical tokens. The public JSON rides along unindexed for the verify lookup.
/// </summary>
public sealed record RegistryIndexDocument(
    [property: JsonPropertyName("documentId")] string DocumentId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("numberNorm")] string NumberNorm,
    [property: JsonPropertyName("numberReversed")] string NumberReversed,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("issuedOn")] string IssuedOn,
    [property: JsonPropertyName("validUntil")] string? ValidUntil,
    [property: JsonPropertyName("holderName")] string HolderName,
    [property: JsonPropertyName("holderIdentifier")] string? HolderIdentifier,
    [property: JsonPropertyName("region")] string? Region,
    [property: JsonPropertyName("sectors")] IReadOnlyList<string> Sectors,
    [property: JsonPropertyName("nameFolded")] string NameFolded,
    [property: JsonPropertyName("scopeFolded")] string ScopeFolded,
    [property: JsonPropertyName("publicJson")] string PublicJson,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("position")] long Position)
{
    public static RegistryIndexDocument From(DocumentSnapshot d, long position)
    {
        var norm = DocumentNumber.Normalize(d.Number);
        return new(d.DocumentId.ToString(), d.Kind, d.Number, norm, new string([.. norm.Reverse()]), d.Status, d.IssuedOn.ToString("yyyy-MM-dd"),
            d.ValidUntil?.ToString("yyyy-MM-dd"), d.Holder.Name, PublicView.SearchableIdentifier(d.Holder), d.Holder.Region, d.Sectors,
            SearchText.Fold(string.Join(' ', d.Holder.FormerNames.Prepend(d.Holder.Name))), SearchText.Fold(string.Join(' ', d.Sectors.Concat(d.Scope))),
            JsonSerializer.Serialize(PublicView.From(d), RegistryJson.Default.PublicDocument), d.Version, position);
    }

    public PublicDocument Public() => JsonSerializer.Deserialize(PublicJson, RegistryJson.Default.PublicDocument)!;

    /// <summary>A search hit; Elasticsearch relevance scores are not comparable across queries, so every hit scores 1.</summary>
    public SearchHit Hit() => new(Kind, Number, Status, DateOnly.ParseExact(IssuedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        ValidUntil is null ? null : DateOnly.ParseExact(ValidUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture), HolderName, HolderIdentifier, Region, 1);
}
