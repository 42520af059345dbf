using System.Text.Json.Serialization;
using Registry.Domain.Search;
using Registry.Projections.Public;
using Registry.Projections.Queries;
using Registry.Projections.ReadModel;

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
    public static RegistryIndexDocument From(DocumentReadRow row) => row.Map<RegistryIndexDocument>();

    public PublicDocument Public() => PublicView.FromJson(PublicJson);

    public SearchHit Hit() => this.Map<SearchHit>();
}
