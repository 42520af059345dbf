using Npgsql;

namespace Registry.Projections.Outbox;

/// <summary>
/// A read model fed from the outbox. <see cref="ApplyAsync"/> runs inside the transaction that also advances the
/// projector's checkpoint, so a batch's effect on a PostgreSQL read model and the checkpoint commit together.
/// Projectors must be idempotent by document version: a batch may be replayed after a crash.
/// </summary>
public interface IProjector
{
    string Name { get; }
    Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct);
}
