using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Registry.Projections.Caching;

/// <summary>
/// Entries kept within a memory budget, each weighed by <paramref name="size"/> (bytes, counted high). An entry that does
/// not fit makes room first: the entries not read since room was last made are dropped and the others are given one more
/// round (second chance, as CLOCK does), so what is asked often stays; when every entry was read, all go.
/// </summary>
sealed class BudgetedMap<TKey, TValue>(Func<long> budget, Func<TKey, TValue, long> size, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    readonly ConcurrentDictionary<TKey, Entry> entries = new(comparer);
    long bytes;

    public long Bytes => Interlocked.Read(ref bytes);

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        value = default;
        if (!entries.TryGetValue(key, out var entry)) return false;
        entry.Read = true;
        value = entry.Value;
        return true;
    }

    public void Set(TKey key, TValue value)
    {
        var entry = new Entry(value, size(key, value));
        if (Bytes + entry.Size > budget()) MakeRoom();
        Remove(key);
        if (entries.TryAdd(key, entry)) Interlocked.Add(ref bytes, entry.Size);
    }

    public bool Remove(TKey key)
    {
        if (!entries.TryRemove(key, out var entry)) return false;
        Interlocked.Add(ref bytes, -entry.Size);
        return true;
    }

    public void Clear()
    {
        foreach (var key in entries.Keys) Remove(key);
    }

    /// <summary>Removes the entries whose value <paramref name="drop"/> says.</summary>
    public void RemoveWhere(Func<TValue, bool> drop)
    {
        foreach (var (key, entry) in entries)
            if (drop(entry.Value)) Remove(key);
    }

    void MakeRoom()
    {
        var dropped = 0;
        foreach (var (key, entry) in entries)
            if (!entry.Read && Remove(key)) dropped++;
            else entry.Read = false;
        if (dropped == 0) Clear();
    }

    sealed class Entry(TValue value, long size)
    {
        public TValue Value => value;
        public long Size => size;
        public volatile bool Read;
    }
}
