using Registry.Domain.Documents;

namespace Registry.Domain.Search;

/// <summary>
/// The order a person expects among equally relevant documents: valid first, then suspended, expired and revoked ones;
/// within a status the newest first. Both read models store it as one number (<see cref="Order"/>), so an index walked
/// in that order yields the best page first without ranking every match.
/// </summary>
public static class SearchRanking
{
    public static int Rank(DocumentStatus status) => status switch
    {
        DocumentStatus.Valid => 0,
        DocumentStatus.Suspended => 1,
        DocumentStatus.Expired => 2,
        DocumentStatus.Revoked => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Ascending: status rank, then the issue date newest first (days since 0001-01-01 counted down from 999,999).</summary>
    public static long Order(DocumentStatus status, DateOnly issuedOn) => Rank(status) * 1_000_000L + (999_999 - issuedOn.DayNumber);
}
