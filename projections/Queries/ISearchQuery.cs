using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Projections.Queries;

/// <summary>Public search: filters, a total, facets and keyset pages, answered by PostgreSQL or Elasticsearch.</summary>
public interface ISearchQuery
{
    Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct);

    /// <summary>The page as the API sends it, UTF-8 JSON (<see cref="SearchPage.Json"/>); the read cache keeps pages so.</summary>
    async Task<byte[]> SearchJsonAsync(SearchRequest request, CancellationToken ct) =>
        JsonSerializer.SerializeToUtf8Bytes(await SearchAsync(request, ct), SearchPage.Json);
}

public enum SearchSort
{
    Relevance,
    IssuedNewest,
    IssuedOldest,
    Number,
}

public sealed record SearchRequest(
    string? Q = null,
    string? Kind = null,
    string? Status = null,
    string? Region = null,
    string? Sector = null,
    string? Bin = null,
    DateOnly? IssuedFrom = null,
    DateOnly? IssuedTo = null,
    SearchSort Sort = SearchSort.Relevance,
    string? Cursor = null,
    int Limit = 20);

/// <summary>One document of a page. Match: which reading of the query found it (<see cref="SearchTier"/>). The holder's
/// former names are searched as its name is, so a page shows them: a hit found by a name the holder no longer bears
/// would otherwise show no word of the query.</summary>
public sealed record SearchHit(
    string Kind,
    string Number,
    string Status,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    string HolderName,
    IReadOnlyList<string> HolderFormerNames,
    string? HolderIdentifier,
    string? Region,
    SearchTier Match);

public sealed record FacetCount(string Value, long Count);

/// <summary>The filters a query was read with (<see cref="SearchPage.ReadAs"/>): the kind of document (its slug) and the
/// region it named; null for one it did not name.</summary>
public sealed record SearchReadFilters(string? Kind, string? Region);

/// <summary>Counts by kind, status and region. Exact when the total is exact; for a total above
/// <see cref="SearchPage.ExactTotalLimit"/> Elasticsearch counts them exactly, and so does the PostgreSQL backend for a
/// query of one word (or one place under its names) from per-word counts; for other broad queries it estimates them from
/// a sample of the registry and says so (Exact = false).</summary>
public sealed record SearchFacets(bool Exact, IReadOnlyList<FacetCount> Kind, IReadOnlyList<FacetCount> Status, IReadOnlyList<FacetCount> Region);

/// <summary>How to read <see cref="SearchPage.Total"/>: the exact number of matches (eq), or a lower bound (gte) —
/// Elasticsearch's track_total_hits semantics.</summary>
[JsonConverter(typeof(SlugJsonConverter<TotalRelation>))]
public enum TotalRelation
{
    Eq,
    Gte,
}

/// <summary>A page of matches, best first. Total counts every match up to <see cref="ExactTotalLimit"/>; above that it is
/// that limit with TotalRelation gte ("more than 10,000"), as a search engine says "about". ReadAs, when set, is the query
/// the page answers instead of the one typed, which found nothing: the same keys on the other keyboard layout, the words
/// of a name parted or joined, or the query without the region and the kind of document it names; ReadFilters are then
/// those, searched among as the filters (<see cref="ReadAgainSearchQuery"/>).</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Items, long Total, TotalRelation TotalRelation, string? NextCursor, SearchFacets Facets,
    string? ReadAs = null, SearchReadFilters? ReadFilters = null)
{
    public const int ExactTotalLimit = 10_000;

    /// <summary>How a page is written as JSON: as ASP.NET Core writes a response body (web defaults, the relaxed escaping
    /// of a body that is never embedded in HTML), so a page kept as bytes reads as one serialized per response.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
