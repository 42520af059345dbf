namespace Registry.Projections.Caching;

/// <summary>
/// Remembers which keys were offered lately, so that a cache keeps what is asked a second time and not everything asked
/// once (TinyLFU's doorkeeper). Most searches are asked once: kept, each pushed out a page that would have been asked
/// again, and lived just long enough to be collected with the old generation. On the website's results page, where nearly
/// every query is new, the GC heap swung by 40 MB with that churn.
/// <para>One slot per key's hash, overwritten by the next key that lands on it: a fixed table with no allocation per
/// request, which forgets old keys as new ones arrive. Two keys sharing a hash are one key here, so a key may be admitted
/// the first time, which costs a page of memory and nothing else. Slots are read and written without a lock: a race loses
/// one remembered key.</para>
/// </summary>
public sealed class Doorkeeper(int slotsPowerOfTwo)
{
    readonly int[] slots = slotsPowerOfTwo > 0 && (slotsPowerOfTwo & (slotsPowerOfTwo - 1)) == 0
        ? new int[slotsPowerOfTwo]
        : throw new ArgumentOutOfRangeException(nameof(slotsPowerOfTwo), "The slots are a power of two.");

    /// <summary>Whether <paramref name="key"/> was offered since its slot was last taken; remembers it either way.</summary>
    public bool OfferedBefore<TKey>(TKey key) where TKey : notnull
    {
        // An empty slot holds 0; a key whose hash is 0 is remembered as 1.
        var hash = key.GetHashCode() is var h && h != 0 ? h : 1;
        ref var slot = ref slots[hash & (slots.Length - 1)];
        if (Volatile.Read(ref slot) == hash) return true;
        Volatile.Write(ref slot, hash);
        return false;
    }
}
