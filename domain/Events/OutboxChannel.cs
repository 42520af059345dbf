namespace Registry.Domain.Events;

/// <summary>The contract between the write side and the projectors besides the events themselves: the NOTIFY channel
/// that rings when an outbox row commits. The table is the truth; the notification is only a doorbell.</summary>
public static class OutboxChannel
{
    public const string Name = "registry_outbox";
}
