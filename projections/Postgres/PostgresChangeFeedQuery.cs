using Dapper;
using Npgsql;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>The change feed is read.changes, written by the PostgreSQL projector in the transaction that applies each version.</summary>
public sealed class PostgresChangeFeedQuery(NpgsqlDataSource dataSource) : IChangeFeedQuery
{
    public async Task<IReadOnlyList<ChangeEntry>> ReadAsync(long after, int limit, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ChangeEntry>(new CommandDefinition("""
            select seq, kind, number, version, change, status, changed_at as changedat from read.changes where seq > @after order by seq limit @limit
            """, new { after, limit }, cancellationToken: ct))).AsList();
    }
}
