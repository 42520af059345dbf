namespace Registry.Projections.Queries;

/// <summary>An organisation by BIN, with every public document it holds.</summary>
public interface IOrganisationQuery
{
    Task<OrganisationProfile?> FindAsync(string bin, CancellationToken ct);
}

public sealed record OrganisationProfile(string Bin, string Name, IReadOnlyList<string> FormerNames, string? Region, IReadOnlyList<SearchHit> Documents);
