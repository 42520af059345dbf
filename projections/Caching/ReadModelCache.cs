using System.Diagnostics.CodeAnalysis;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Projections.Caching;

public sealed class ReadCacheOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>The memory verified documents may take (<see cref="ReadModelCache.DocumentSize"/>): about 1 KB each at
    /// 1M generated documents, so some 15,000 by default. The budgets together (and the website's rendered pages,
    /// <c>Website:MaxRenderedPageMegabytes</c>) are most of what the API's memory grows by: the runtime itself keeps about
    /// 180 MB resident under load (README "Memory").</summary>
    public int MaxDocumentMegabytes { get; set; } = 16;

    /// <summary>The memory search pages may take, as the compressed JSON they are kept in plus what a page's entry costs
    /// beside it (<see cref="ReadModelCache.PageOverhead"/>): a page of 20 at 1M generated documents is about 7 KB of
    /// JSON, 1.4 KB kept, so some 10,000 pages by default.</summary>
    public int MaxSearchPageMegabytes { get; set; } = 24;

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
/// <para>Documents and search pages each have a memory budget (<see cref="BudgetedMap{TKey, TValue}"/>: past it, what was
/// not read lately goes). A search page is kept the second time it is read from the database, not the first
/// (<see cref="Doorkeeper"/>). A search page is kept as the UTF-8 JSON the API sends, compressed (<see cref="KeptPage"/>): a
/// hit is written out without serializing.</para>
/// </summary>
public sealed class ReadModelCache(ReadCacheOptions options)
{
    public const string NotifyChannel = "read_model_changed";
    const string Everything = "*";

    readonly BudgetedMap<string, PublicDocument> documents = new(() => options.MaxDocumentMegabytes * Megabyte, DocumentSize, StringComparer.Ordinal);
    readonly BudgetedMap<SearchRequest, CachedPage> pages = new(() => options.MaxSearchPageMegabytes * Megabyte, (_, page) => page.Json.Bytes + PageOverhead);
    /// <summary>The search requests read from the database lately: six times the pages the default budget holds, in 256 KB.</summary>
    readonly Doorkeeper askedPages = new(1 << 16);
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
        return IsLive && documents.TryGet(numberNorm, out document);
    }

    /// <summary>A search page as its UTF-8 JSON (<see cref="SearchPage.Json"/>).</summary>
    public bool TryGet(SearchRequest request, [NotNullWhen(true)] out byte[]? json)
    {
        json = null;
        if (!IsLive || !pages.TryGet(request, out var page)) return false;
        json = page.Json.Read();
        return true;
    }

    /// <summary>The memory the verified documents take, as <see cref="DocumentSize"/> counts it.</summary>
    public long DocumentBytes => documents.Bytes;

    /// <summary>The memory the search pages take (<see cref="ReadCacheOptions.MaxSearchPageMegabytes"/>).</summary>
    public long SearchPageBytes => pages.Bytes;

    /// <summary>Stores what was read at <paramref name="readAt"/> (a <see cref="Generation"/>), unless something changed since.</summary>
    public void Store(string numberNorm, PublicDocument document, long readAt) => Store(documents, numberNorm, document, readAt);

    /// <summary>Stores a search page's UTF-8 JSON read at <paramref name="readAt"/>, unless something changed since, once
    /// its request has been read from the database before (<see cref="Doorkeeper"/>): a query asked once is not kept.</summary>
    public void Store(SearchRequest request, byte[] json, long readAt)
    {
        if (IsLive && Generation == readAt && askedPages.OfferedBefore(request))
            Store(pages, request, new CachedPage(KeptPage.Of(json), SearchPageDependency.Of(request)), readAt);
    }

    void Store<TKey, TValue>(BudgetedMap<TKey, TValue> map, TKey key, TValue value, long readAt) where TKey : notnull
    {
        if (!IsLive || Generation != readAt) return;
        map.Set(key, value);
        // An invalidation that raced with this store bumped the generation first: undo, it may have missed our entry.
        if (Generation != readAt) map.Remove(key);
    }

    const long Megabyte = 1024 * 1024;

    /// <summary>What a kept page costs beside its JSON: its request, dependency and dictionary entry (about 0.5 KB of
    /// objects for a query of two words), counted high.</summary>
    public const int PageOverhead = 1_024;

    /// <summary>
    /// A verified document's memory, counted high: its text at two bytes a character, and a fixed cost per string, per
    /// status change and for the objects and lists around them. Measured at 1M generated documents
    /// (<c>GC.GetTotalMemory</c> over 20,000 read back): 925 bytes each, for 99 characters in 6.2 strings and 1.1 status
    /// changes; this counts about 1,000, the number it is kept under included.
    /// </summary>
    public static long DocumentSize(string numberNorm, PublicDocument d) =>
        512 + 2 * (numberNorm.Length + Text(d.Number) + Text(d.Holder.Name) + Text(d.Holder.Identifier) + Text(d.Holder.Region)
            + d.Holder.FormerNames.Sum(Text) + d.Sectors.Sum(Text) + d.Scope.Sum(Text) + d.History.Sum(h => Text(h.Reason)))
        + 32 * (5L + d.Holder.FormerNames.Count + d.Sectors.Count + d.Scope.Count + d.History.Count) + 64L * d.History.Count
        + 8L * (d.DuplicatesIssuedOn?.Count ?? 0);

    static int Text(string? s) => s?.Length ?? 0;

    sealed record CachedPage(KeptPage Json, SearchPageDependency Dependency);

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
        else foreach (var numberNorm in numberNorms) documents.Remove(numberNorm);
        if (numberNorms is null || (touch is null && numberNorms.Count > 0)) pages.Clear();
        else if (touch is not null && numberNorms.Count > 0) pages.RemoveWhere(page => page.Dependency.IsTouchedBy(touch));
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
