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
/// change feed the replica has applied (<see cref="ChangeFeedFollower"/>). Either way a changed document is evicted. A
/// projector notice names the words, numbers and BINs it changed, and drops the search pages they could alter (totals and
/// facets move; <see cref="SearchPageDependency"/>); a change feed does not, so there every change drops every page.
/// Nothing is served from or stored in the cache while its source of changes is not connected, because changes missed
/// then would leave stale entries.
/// </summary>
public sealed class ReadModelCache(ReadCacheOptions options)
{
    public const string NotifyChannel = "read_model_changed";
    const string Everything = "*";

    readonly ConcurrentDictionary<string, PublicDocument> documents = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<SearchRequest, (SearchPage Page, SearchPageDependency Dependency)> pages = new();
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
        if (!IsLive || !pages.TryGetValue(request, out var entry)) return false;
        page = entry.Page;
        return true;
    }

    /// <summary>Stores what was read at <paramref name="readAt"/> (a <see cref="Generation"/>), unless something changed since.</summary>
    public void Store(string numberNorm, PublicDocument document, long readAt) => Store(documents, numberNorm, document, readAt, options.MaxDocuments);

    public void Store(SearchRequest request, SearchPage page, long readAt) =>
        Store(pages, request, (page, SearchPageDependency.Of(request)), readAt, options.MaxSearchPages);

    void Store<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map, TKey key, TValue value, long readAt, int max) where TKey : notnull
    {
        if (!IsLive || Generation != readAt) return;
        if (map.Count >= max) map.Clear();
        map[key] = value;
        // An invalidation that raced with this store bumped the generation first: undo, it may have missed our entry.
        if (Generation != readAt) map.TryRemove(key, out _);
    }

    /// <summary>Applies a projector notice: "position;NUMBER1,NUMBER2…", or with what search can tell of the change
    /// (<see cref="Notice(long, SearchTouch)"/>) "position;NUMBERS;BINS;WORDS".</summary>
    public void Changed(string payload)
    {
        var parts = payload.Split(';');
        _ = long.TryParse(parts[0], out var position);
        if (parts.Length > 1 && parts[1] == Everything)
        {
            Changed(position, null);
            return;
        }
        var numbers = Split(parts.Length > 1 ? parts[1] : "", ',');
        Changed(position, numbers, parts.Length == 4 ? new SearchTouch(numbers, Split(parts[2], ','), Split(parts[3], ' ')) : null);

        static string[] Split(string list, char separator) => list.Split(separator, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The documents changed (every document when <paramref name="numberNorms"/> is null) up to a position:
    /// the outbox position of a projector notice, or the change-feed seq a follower has read. Search pages the change can
    /// alter are dropped (<see cref="SearchPageDependency"/>); every page when the notice does not say what it touched, none
    /// when no document changed.</summary>
    public void Changed(long position, IReadOnlyCollection<string>? numberNorms, SearchTouch? touch = null)
    {
        Interlocked.Increment(ref generation);
        if (numberNorms is null) documents.Clear();
        else foreach (var numberNorm in numberNorms) documents.TryRemove(numberNorm, out _);
        if (numberNorms is null || (touch is null && numberNorms.Count > 0)) pages.Clear();
        else if (touch is not null && numberNorms.Count > 0)
            foreach (var (request, entry) in pages)
                if (entry.Dependency.IsTouchedBy(touch)) pages.TryRemove(request, out _);
        Interlocked.Exchange(ref lastSeenPosition, position);
    }

    /// <summary>The notice for a projector batch; a batch too large for one notice (8000 bytes) evicts every document.</summary>
    public static string Notice(long position, IEnumerable<string> numberNorms)
    {
        var notice = $"{position};{string.Join(',', numberNorms)}";
        return notice.Length <= MaxNotice ? notice : $"{position};{Everything}";
    }

    /// <summary>The notice for a projector batch with what search can tell of it; without the words when they do not fit
    /// (every search page is dropped then).</summary>
    public static string Notice(long position, SearchTouch touch)
    {
        var notice = $"{position};{string.Join(',', touch.Numbers)};{string.Join(',', touch.Bins)};{string.Join(' ', touch.Words)}";
        return System.Text.Encoding.UTF8.GetByteCount(notice) <= MaxNotice && touch.Words.All(w => w.Length > 0 && !w.Any(c => c is ';' or ' ')) ? notice : Notice(position, touch.Numbers);
    }

    const int MaxNotice = 7_000;

    public void Listening(bool on)
    {
        listening = on;
        Interlocked.Increment(ref generation);
        documents.Clear();
        pages.Clear();
    }
}
