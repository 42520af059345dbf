namespace Registry.Projections.Queries;

/// <summary>The ordered feed of applied document versions that third parties poll to mirror the registry.</summary>
public interface IChangeFeedQuery
{
    Task<IReadOnlyList<ChangeEntry>> ReadAsync(long after, int limit, CancellationToken ct);
}

public sealed record ChangeEntry(long Seq, string Kind, string Number, int Version, string Change, string Status, DateTime ChangedAt);
