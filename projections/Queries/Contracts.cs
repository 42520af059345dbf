using Registry.Projections.Public;

namespace Registry.Projections.Queries;

/// <summary>The inspectors' hot path: one document by its normalised number.</summary>
public interface IVerifyQuery
{
    Task<PublicDocument?> FindAsync(string numberNorm, CancellationToken ct);

    /// <summary>Bulk verification in one round trip; numbers not found are absent from the result.</summary>
    Task<IReadOnlyDictionary<string, PublicDocument>> FindManyAsync(IReadOnlyCollection<string> numberNorms, CancellationToken ct);
}

/// <summary>An organisation by BIN, with every public document it holds.</summary>
public interface IOrganisationQuery
{
    Task<OrganisationProfile?> FindAsync(string bin, CancellationToken ct);
}

public sealed record OrganisationProfile(string Bin, string Name, IReadOnlyList<string> FormerNames, string? Region, IReadOnlyList<SearchHit> Documents);

/// <summary>The ordered feed of applied document versions that third parties poll to mirror the registry.</summary>
public interface IChangeFeedQuery
{
    Task<IReadOnlyList<ChangeEntry>> ReadAsync(long after, int limit, CancellationToken ct);
}

public sealed record ChangeEntry(long Seq, string Kind, string Number, int Version, string Change, string Status, DateTime ChangedAt);

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
