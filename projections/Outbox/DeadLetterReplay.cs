using Dapper;
using Npgsql;

namespace Registry.Projections.Outbox;

public sealed record DeadLetterReplayResult(int Replayed, int StillFailing);

/// <summary>
/// Re-applies a projector's replayable dead letters (make es-replay-dead-letters), oldest first, in pages: each page's
/// letters are removed and their outbox messages applied again in one transaction, so a message that fails again is
/// dead-lettered again (with its new error) and one that passes is gone. Projectors are idempotent by document version,
/// so replaying a message older than what the read model holds changes nothing. A transient failure throws and leaves
/// the page's letters as they were.
/// </summary>
public static class DeadLetterReplay
{
    const string Page = """
        select o.position, o.tx::text as tx, o.type, o.aggregate_id as aggregateid, o.payload::text as payload, o.created_at as createdat
        from outbox_dead_letters d join outbox o on o.position = d.position
        where d.projector = @projector and d.replayable and d.position > @after
        order by d.position
        limit @limit
        for update of d
        """;

    public static async Task<DeadLetterReplayResult> RunAsync(IProjector projector, NpgsqlDataSource dataSource, int pageSize, CancellationToken ct)
    {
        var (replayed, stillFailing, after) = (0, 0, 0L);
        while (true)
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var messages = (await conn.QueryAsync<OutboxMessage>(new CommandDefinition(Page,
                new { projector = projector.Name, after, limit = pageSize }, tx, cancellationToken: ct))).AsList();
            if (messages.Count == 0) return new(replayed, stillFailing);
            var positions = messages.Select(m => m.Position).ToArray();
            await conn.ExecuteAsync(new CommandDefinition("delete from outbox_dead_letters where projector = @projector and position = any(@positions)",
                new { projector = projector.Name, positions }, tx, cancellationToken: ct));
            await projector.ApplyAsync(messages, tx, ct);
            stillFailing += await conn.ExecuteScalarAsync<int>(new CommandDefinition(
                "select count(*)::int from outbox_dead_letters where projector = @projector and position = any(@positions)",
                new { projector = projector.Name, positions }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            replayed += messages.Count;
            after = positions[^1];
        }
    }
}
