namespace Registry.Projections.Outbox;

/// <summary>One committed outbox row. Tx is the writing transaction's xid8, as text; (Tx, Position) is the read cursor.</summary>
public sealed record OutboxMessage(long Position, string Tx, string Type, Guid AggregateId, string Payload, DateTime CreatedAt);

/// <summary>A projector's place in the outbox.</summary>
public sealed record Checkpoint(string Tx, long Position)
{
    public static readonly Checkpoint Start = new("0", 0);
}
