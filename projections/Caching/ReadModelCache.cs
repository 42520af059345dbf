using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

public sealed class ReadCacheOptions
{
    public bool Enabled { get; set; } = true;
    public int MaxDocuments { get; set; } = 200_000;

    /// <summary>The memory search pages may take, as the UTF-8 JSON they are kept in plus what a page's entry costs beside
    /// it (<see cref="ReadModelCache.PageOverhead"/>).</summary>
    public int MaxSearchPageMegabytes { get; set; } = 64;

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
/// <para>A search page is kept as the UTF-8 JSON the API sends: half the memory of the page's objects, and a hit is
/// written out without serializing. When the pages reach their memory budget, those not read since the last time are
/// dropped and the rest are given one more round (second chance): the popular queries stay.</para>
/// </summary>
public sealed class ReadModelCache(ReadCacheOptions options)
{
    public const string NotifyChannel = "read_model_changed";
    const string Everything = "*";

    readonly ConcurrentDictionary<string, PublicDocument> documents = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<SearchRequest, CachedPage> pages = new();
    long pageBytes;
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

    /// <summary>A search page as its UTF-8 JSON (<see cref="SearchPage.Json"/>).</summary>
    public bool TryGet(SearchRequest request, [NotNullWhen(true)] out byte[]? json)
    {
        json = null;
        if (!IsLive || !pages.TryGetValue(request, out var entry)) return false;
        entry.Read = true;
        json = entry.Json;
        return true;
    }

    /// <summary>The memory the search pages take (<see cref="ReadCacheOptions.MaxSearchPageMegabytes"/>).</summary>
    public long SearchPageBytes => Interlocked.Read(ref pageBytes);

    /// <summary>Stores what was read at <paramref name="readAt"/> (a <see cref="Generation"/>), unless something changed since.</summary>
    public void Store(string numberNorm, PublicDocument document, long readAt)
    {
        if (!IsLive || Generation != readAt) return;
        if (documents.Count >= options.MaxDocuments) documents.Clear();
        documents[numberNorm] = document;
        // An invalidation that raced with this store bumped the generation first: undo, it may have missed our entry.
        if (Generation != readAt) documents.TryRemove(numberNorm, out _);
    }

    /// <summary>Stores a search page's UTF-8 JSON read at <paramref name="readAt"/>, unless something changed since.</summary>
    public void Store(SearchRequest request, byte[] json, long readAt)
    {
        if (!IsLive || Generation != readAt) return;
        var page = new CachedPage(json, SearchPageDependency.Of(request));
        if (SearchPageBytes + page.Size > options.MaxSearchPageMegabytes * 1024L * 1024) MakeRoom();
        Remove(request);
        if (pages.TryAdd(request, page)) Interlocked.Add(ref pageBytes, page.Size);
        if (Generation != readAt) Remove(request);
    }

    /// <summary>Drops the pages not read since the last time room was made, and gives the others one more round; when
    /// every page was read, all go.</summary>
    void MakeRoom()
    {
        var dropped = 0;
        foreach (var (request, page) in pages)
            if (!page.Read && Remove(request)) dropped++;
            else page.Read = false;
        if (dropped == 0) RemoveAllPages();
    }

    bool Remove(SearchRequest request)
    {
        if (!pages.TryRemove(request, out var page)) return false;
        Interlocked.Add(ref pageBytes, -page.Size);
        return true;
    }

    void RemoveAllPages()
    {
        foreach (var request in pages.Keys) Remove(request);
    }

    /// <summary>What a kept page costs beside its JSON: its request, dependency and dictionary entry (about 0.5 KB of
    /// objects for a query of two words), counted high.</summary>
    public const int PageOverhead = 1_024;

    sealed class CachedPage(byte[] json, SearchPageDependency dependency)
    {
        public byte[] Json => json;
        public SearchPageDependency Dependency => dependency;
        public long Size => json.Length + PageOverhead;
        public volatile bool Read;
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
        if (numberNorms is null || (touch is null && numberNorms.Count > 0)) RemoveAllPages();
        else if (touch is not null && numberNorms.Count > 0)
            foreach (var (request, entry) in pages)
                if (entry.Dependency.IsTouchedBy(touch)) Remove(request);
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
        RemoveAllPages();
    }
}
