namespace Registry.Projections.Queries;

/// <summary>Public search: filters, a total, facets and keyset pages, answered by PostgreSQL or Elasticsearch.</summary>
public interface ISearchQuery
{
    Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct);
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

public sealed record SearchHit(
    string Kind,
    string Number,
    string Status,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    string HolderName,
    string? HolderIdentifier,
    string? Region,
    double Score);

public sealed record FacetCount(string Value, long Count);

public sealed record SearchFacets(IReadOnlyList<FacetCount> Kind, IReadOnlyList<FacetCount> Status, IReadOnlyList<FacetCount> Region);

public sealed record SearchPage(IReadOnlyList<SearchHit> Items, long Total, string? NextCursor, SearchFacets Facets);
