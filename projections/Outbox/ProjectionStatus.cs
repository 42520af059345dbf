using Dapper;
using Npgsql;

namespace Registry.Projections.Outbox;

/// <summary>A projector's lag, shared by every instance (it is read from the database), and which instance projects
/// it: <see cref="ActiveOn"/> is that instance's session name (null when none does), <see cref="ActiveHere"/> whether it is
/// the instance answering.</summary>
public sealed record ProjectorLag(string Projector, long Pending, double OldestPendingSeconds, string? ActiveOn, bool ActiveHere);

/// <summary>How far each projector is behind the outbox and who projects it: readiness reports it, tests wait on it.</summary>
public sealed class ProjectionStatus(NpgsqlDataSource dataSource)
{
    const string Sql = """
        select c.name as projector,
               (select count(*) from outbox o where (o.tx, o.position) > (c.tx, c.position)) as pending,
               coalesce(extract(epoch from now() - (
                   select o.created_at from outbox o where (o.tx, o.position) > (c.tx, c.position) order by o.tx, o.position limit 1)), 0)::float8 as oldestpendingseconds,
               holder.application_name as activeon,
               coalesce(holder.application_name = current_setting('application_name'), false) as activehere
        from projection_checkpoints c
        left join lateral (
            select a.application_name from pg_locks l join pg_stat_activity a on a.pid = l.pid
            where l.locktype = 'advisory' and l.granted and l.objsubid = 2
              and l.database = (select oid from pg_database where datname = current_database())
              and l.classid = @lockClass and l.objid = hashtext(c.name)::oid
            limit 1) holder on true
        order by c.name
        """;

    public async Task<IReadOnlyList<ProjectorLag>> LagAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<ProjectorLag>(new CommandDefinition(Sql, new { lockClass = ProjectorDaemon.LeadershipLockClass }, cancellationToken: ct))).AsList();
    }
}
