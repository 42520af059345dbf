using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

public sealed class ReadCacheOptions
{
    public bool Enabled { get; set; } = true;
    public int MaxDocuments { get; set; } = 200_000;
    public int MaxSearchPages { get; set; } = 20_000;
}

/// <summary>
/// Verify lookups and search pages kept in memory until the PostgreSQL projector says the read model changed. The
/// projector notifies in the transaction that writes the change, so the notice arrives only once the change is
/// visible: a lookup evicts that document, any change drops every search page (totals and facets move). Nothing is
/// served from or stored in the cache while this process is not listening, because notices missed then are lost.
/// </summary>
public sealed class ReadModelCache(ReadCacheOptions options)
{
    public const string NotifyChannel = "read_model_changed";
    const string Everything = "*";

    readonly ConcurrentDictionary<string, PublicDocument> documents = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<SearchRequest, SearchPage> pages = new();
    long generation;
    long lastSeenPosition;
    volatile bool listening;

    public bool IsLive => options.Enabled && listening;

    /// <summary>The outbox position of the last projector batch this cache has heard of.</summary>
    public long LastSeenPosition => Interlocked.Read(ref lastSeenPosition);

    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string numberNorm, [NotNullWhen(true)] out PublicDocument? document)
    {
        document = null;
        return IsLive && documents.TryGetValue(numberNorm, out document);
    }

    public bool TryGet(SearchRequest request, out SearchPage? page)
    {
        page = null;
        return IsLive && pages.TryGetValue(request, out page);
    }

    /// <summary>Stores what was read at <paramref name="readAt"/> (a <see cref="Generation"/>), unless something changed since.</summary>
    public void Store(string numberNorm, PublicDocument document, long readAt) => Store(documents, numberNorm, document, readAt, options.MaxDocuments);

    public void Store(SearchRequest request, SearchPage page, long readAt) => Store(pages, request, page, readAt, options.MaxSearchPages);

    void Store<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map, TKey key, TValue value, long readAt, int max) where TKey : notnull
    {
        if (!IsLive || Generation != readAt) return;
        if (map.Count >= max) map.Clear();
        map[key] = value;
        // An invalidation that raced with this store bumped the generation first: undo, it may have missed our entry.
        if (Generation != readAt) map.TryRemove(key, out _);
    }

    /// <summary>Applies a projector notice: "position;NUMBER1,NUMBER2…".</summary>
    public void Changed(string payload)
    {
        var separator = payload.IndexOf(';', StringComparison.Ordinal);
        var numbers = payload[(separator + 1)..];
        Interlocked.Increment(ref generation);
        if (numbers == Everything) documents.Clear();
        else foreach (var numberNorm in numbers.Split(',', StringSplitOptions.RemoveEmptyEntries)) documents.TryRemove(numberNorm, out _);
        pages.Clear();
        if (long.TryParse(payload.AsSpan(0, Math.Max(0, separator)), out var position)) Interlocked.Exchange(ref lastSeenPosition, position);
    }

    /// <summary>The notice for a projector batch; a batch too large for one notice (8000 bytes) evicts every document.</summary>
    public static string Notice(long position, IEnumerable<string> numberNorms)
    {
        var notice = $"{position};{string.Join(',', numberNorms)}";
        return notice.Length <= 7_000 ? notice : $"{position};{Everything}";
    }

    public void Listening(bool on)
    {
        listening = on;
        Interlocked.Increment(ref generation);
        documents.Clear();
        pages.Clear();
    }
}
