using Dapper;
using Npgsql;

namespace Registry.Projections.Outbox;

/// <summary>
/// Reads the outbox gap-safely. Identity values become visible at commit, not in order, so the cursor is (tx, position)
/// and only rows of transactions older than every transaction that may still write the outbox are read (the horizon,
/// migration 0340): any row not yet visible belongs to a transaction at or above the horizon, and so sorts after the
/// checkpoint. Transactions that never write the outbox say so (<see cref="DeclareNoOutboxWritesAsync"/>) and do not
/// hold the horizon back.
/// </summary>
public static class OutboxReader
{
    /// <summary>The advisory lock (two-key form) of migration 0340's horizon.</summary>
    const int NoOutboxWritesClass = 20121070, NoOutboxWritesKey = 1;

    const string ReadBatch = """
        select o.position, o.tx::text as tx, o.type, o.aggregate_id as aggregateid, o.payload::text as payload, o.created_at as createdat
        from outbox o
        where (o.tx, o.position) > (@tx::xid8, @position)
          and o.tx < (select outbox_horizon())
        order by o.tx, o.position
        limit @batchSize
        """;

    const string ReadCheckpoint = """
        insert into projection_checkpoints (name) values (@name) on conflict (name) do nothing;
        select tx::text as tx, position from projection_checkpoints where name = @name;
        """;

    const string Advance = """
        update projection_checkpoints set tx = @toTx::xid8, position = @toPosition, updated_at = now()
        where name = @name and tx = @fromTx::xid8 and position = @fromPosition
        """;

    /// <summary>Says that <paramref name="tx"/> will not write the outbox, so that readers need not wait for it. Call it
    /// before the transaction's first write: until then, its writes hold every reader back.</summary>
    public static async Task DeclareNoOutboxWritesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock_shared(@NoOutboxWritesClass, @NoOutboxWritesKey)",
            new { NoOutboxWritesClass, NoOutboxWritesKey }, tx, cancellationToken: ct));

    public static async Task<Checkpoint> CheckpointAsync(NpgsqlConnection conn, string name, NpgsqlTransaction? tx, CancellationToken ct) =>
        await conn.QuerySingleAsync<Checkpoint>(new CommandDefinition(ReadCheckpoint, new { name }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<OutboxMessage>> ReadAsync(NpgsqlConnection conn, Checkpoint after, int batchSize, NpgsqlTransaction? tx, CancellationToken ct) =>
        (await conn.QueryAsync<OutboxMessage>(new CommandDefinition(
            ReadBatch, new { tx = after.Tx, position = after.Position, batchSize }, tx, cancellationToken: ct))).AsList();

    /// <summary>Moves the checkpoint only if nobody else moved it since it was read (the optimistic guard).</summary>
    public static async Task<bool> AdvanceAsync(NpgsqlConnection conn, string name, Checkpoint from, Checkpoint to, NpgsqlTransaction tx, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition(Advance,
            new { name, fromTx = from.Tx, fromPosition = from.Position, toTx = to.Tx, toPosition = to.Position }, tx, cancellationToken: ct)) == 1;
}
