using Dapper;
using Npgsql;

namespace Registry.Projections.Outbox;

public sealed record ProjectorLag(string Projector, long Pending, double OldestPendingSeconds);

/// <summary>How far each projector is behind the outbox: readiness reports it, tests wait on it.</summary>
public sealed class ProjectionStatus(NpgsqlDataSource dataSource)
{
    const string Sql = """
        select c.name as projector,
               (select count(*) from outbox o where (o.tx, o.position) > (c.tx, c.position)) as pending,
               coalesce(extract(epoch from now() - (
                   select o.created_at from outbox o where (o.tx, o.position) > (c.tx, c.position) order by o.tx, o.position limit 1)), 0)::float8 as oldestpendingseconds
        from projection_checkpoints c
        order by c.name
        """;

    public async Task<IReadOnlyList<ProjectorLag>> LagAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ProjectorLag>(new CommandDefinition(Sql, cancellationToken: ct))).AsList();
    }
}
