namespace Registry.Domain.Documents;

/// <summary>One entry of a document's status history: what it became, from which day.</summary>
public interface IStatusEntry
{
    DocumentStatus Status { get; }
    DateOnly EffectiveOn { get; }
}

/// <summary>Was a document valid on a given day? It answers for any day, past or future, from the issue date, the
/// configured term and the status history (effective dates, not the days they were recorded).</summary>
public static class DocumentValidity
{
    /// <summary>Null before the document was issued; expired after its term; otherwise the last status that had taken
    /// effect by that day (valid when nothing had).</summary>
    public static DocumentStatus? StatusOn<TEntry>(DateOnly issuedOn, DateOnly? validUntil, IReadOnlyList<TEntry> history, DateOnly asOf)
        where TEntry : class, IStatusEntry
    {
        if (asOf < issuedOn) return null;
        if (DocumentLifecycle.TermEnded(validUntil, asOf)) return DocumentStatus.Expired;
        return LastEffective(history, asOf, _ => true)?.Status ?? DocumentStatus.Valid;
    }

    /// <summary>The suspension, revocation or expiry in force on that day, if any.</summary>
    public static TEntry? RestrictionOn<TEntry>(IReadOnlyList<TEntry> history, DateOnly asOf) where TEntry : class, IStatusEntry =>
        LastEffective(history, asOf, e => e.Status != DocumentStatus.Valid);

    static TEntry? LastEffective<TEntry>(IReadOnlyList<TEntry> history, DateOnly asOf, Func<TEntry, bool> which) where TEntry : class, IStatusEntry
    {
        for (var i = history.Count - 1; i >= 0; i--)
            if (history[i].EffectiveOn <= asOf && which(history[i])) return history[i];
        return null;
    }
}
