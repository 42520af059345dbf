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

    /// <summary>How often an instance reading from a replica looks for new change-feed rows (its staleness bound on top
    /// of the replica's replay lag).</summary>
    public TimeSpan FeedPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// Verify lookups and search pages kept in memory until the read model they were read from changes. On the primary the
/// projector's notice says so (<see cref="ReadModelChangeListener"/>): it is sent in the transaction that writes the
/// change, so it arrives only once the change is visible. A replica receives no notices, so there the cache follows the
/// change feed the replica has applied (<see cref="ChangeFeedFollower"/>). Either way a changed document is evicted and
/// any change drops every search page (totals and facets move). Nothing is served from or stored in the cache while its
/// source of changes is not connected, because changes missed then would leave stale entries.
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
        _ = long.TryParse(payload.AsSpan(0, Math.Max(0, separator)), out var position);
        if (numbers == Everything) Changed(position, null);
        else Changed(position, numbers.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The documents changed (every document when <paramref name="numberNorms"/> is null) up to a position:
    /// the outbox position of a projector notice, or the change-feed seq a follower has read.</summary>
    public void Changed(long position, IReadOnlyCollection<string>? numberNorms)
    {
        Interlocked.Increment(ref generation);
        if (numberNorms is null) documents.Clear();
        else foreach (var numberNorm in numberNorms) documents.TryRemove(numberNorm, out _);
        pages.Clear();
        Interlocked.Exchange(ref lastSeenPosition, position);
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
