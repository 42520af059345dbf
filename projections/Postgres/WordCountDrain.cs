using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Caching;
using Registry.Projections.Outbox;

namespace Registry.Projections.Postgres;

/// <summary>A document's words, kind, status and region before and after one upsert of the projector.</summary>
public sealed record WordChange(string[] Added, string Kind, string Status, string Region, string[] Removed, string? RemovedKind,
    string? RemovedStatus, string? RemovedRegion);

/// <summary>One projector batch's word changes, queued in read.word_count_changes, with what its cache notice named.</summary>
public sealed record QueuedWordChanges(string[] Numbers, string[] Bins, WordChange[] Changes);

/// <summary>
/// Folds the word changes the document projector queues (migration 0321) into read.search_terms and
/// read.search_term_facets, and into the pair counts of broad words and their facets (migrations 0204, 0205). Counted in
/// the projector's transaction they were half of each batch at 400 decisions/s with varied names (a document with 13
/// broad words has 78 pairs, each upserted per kind, status and region), and the documents waited for them to be visible.
/// Counts are sums of changes, so drains on several instances take queued rows in any order (skip locked); each takes
/// the pairs lock shared before it reads the queue, so a word <see cref="BroadWordPairs"/> admits is either counted by the
/// admission, with the rows queued until then, or by the drains after it.
/// </summary>
public sealed class WordCountDrain(NpgsqlDataSource dataSource, ProjectorOptions options, ILogger<WordCountDrain> logger) : BackgroundService
{
    /// <summary>Rung by the projector's transaction when it queues changes, so it reaches the drain at commit.</summary>
    public const string Channel = "word_counts_queued";

    /// <summary>The projector batches one drain folds together at most (each up to <see cref="ProjectorOptions.BatchSize"/> documents).</summary>
    const int RowsPerDrain = 16;

    /// <summary>The queue's depth and age, beside the projectors' (<see cref="ProjectionStatus"/>): readiness and tests wait on it.</summary>
    public const string Name = "postgres-word-counts";

    public const string Queue = $"""
        insert into read.word_count_changes (position, changes) values (@position, @changes::jsonb);
        select pg_notify('{Channel}', '')
        """;

    const string Take = """
        delete from read.word_count_changes where id in (
            select id from read.word_count_changes order by id limit @limit for update skip locked)
        returning position, changes::text
        """;

    /// <summary>Every row queued, rows a drain is folding waited for: what an admission (holding the pairs lock) must fold first.</summary>
    const string TakeAll = "delete from read.word_count_changes returning position, changes::text";

    const string CountTerms = """
        insert into read.search_terms (term, documents) select term, delta from unnest(@terms::text[], @deltas::int[]) as t(term, delta)
        on conflict (term) do update set documents = read.search_terms.documents + excluded.documents;
        insert into read.search_term_facets (term, kind, status, region, documents)
        select term, kind, status, region, delta from unnest(@facetTerms::text[], @facetKinds::text[], @facetStatuses::text[], @facetRegions::text[],
            @facetDeltas::int[]) as t(term, kind, status, region, delta)
        on conflict (term, kind, status, region) do update set documents = read.search_term_facets.documents + excluded.documents
        """;

    /// <summary>
    /// Each changed document's words before (group of -1, under its kind, status and region before) and after (+1), of
    /// which those in read.search_pair_terms pair up; a change of status alone moves the pairs' facets and leaves their
    /// counts.
    /// </summary>
    const string CountPairs = """
        with held as (
            select h.grp, h.term collate "C" as term, h.sign, h.kind, h.status, h.region
            from unnest(@pairGroups::int[], @pairTerms::text[], @pairSigns::int[], @pairKinds::text[], @pairStatuses::text[], @pairRegions::text[])
                as h(grp, term, sign, kind, status, region)
            where h.term collate "C" in (select term from read.search_pair_terms)),
        deltas as materialized (
            select a.term as term_a, b.term as term_b, a.kind, a.status, a.region, sum(a.sign)::int as delta
            from held a join held b on b.grp = a.grp and a.term < b.term
            group by a.term, b.term, a.kind, a.status, a.region having sum(a.sign) <> 0),
        pairs as (
            insert into read.search_term_pairs (term_a, term_b, documents)
            select term_a, term_b, sum(delta)::int from deltas group by term_a, term_b having sum(delta) <> 0 order by term_a, term_b
            on conflict (term_a, term_b) do update set documents = read.search_term_pairs.documents + excluded.documents)
        insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
        select term_a, term_b, kind, status, region, delta from deltas order by term_a, term_b, kind, status, region
        on conflict (term_a, term_b, kind, status, region) do update set documents = read.search_term_pair_facets.documents + excluded.documents
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var doorbell = await dataSource.OpenConnectionAsync(stoppingToken);
                await doorbell.ExecuteAsync(new CommandDefinition($"listen {Channel}", cancellationToken: stoppingToken));
                while (true)
                {
                    while (await DrainAsync(dataSource, stoppingToken) > 0) { }
                    await doorbell.WaitAsync(options.PollInterval, stoppingToken);
                }
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return; // a wait or fold cut short by the stop, however the driver reports it
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Folding queued word counts failed; retrying in {Interval}", options.PollInterval);
                await Task.Delay(options.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Folds up to <see cref="RowsPerDrain"/> queued batches in one transaction; returns how many.</summary>
    public static async Task<int> DrainAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock_shared(@Lock)", new { BroadWordPairs.Lock }, tx, cancellationToken: ct));
        var folded = await FoldAsync(conn, tx, Take, ct);
        await tx.CommitAsync(ct);
        return folded;
    }

    /// <summary>Folds every queued row into the counts, in the caller's transaction, which holds the pairs lock exclusively.</summary>
    public static Task<int> FoldAllAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) => FoldAsync(conn, tx, TakeAll, ct);

    static async Task<int> FoldAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string take, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<(long Position, string Changes)>(new CommandDefinition(take, new { limit = RowsPerDrain }, tx, cancellationToken: ct))).AsList();
        if (rows.Count == 0) return 0;
        var queued = rows.Select(r => JsonSerializer.Deserialize<QueuedWordChanges>(r.Changes)!).ToList();
        var changes = queued.SelectMany(q => q.Changes).ToList();
        var termDeltas = new Dictionary<string, int>(StringComparer.Ordinal);
        var facetDeltas = new Dictionary<(string Term, string Kind, string Status, string Region), int>();
        var pairGroups = new List<(int Group, string Term, int Sign, string Kind, string Status, string Region)>();
        var groups = 0;
        foreach (var change in changes)
        {
            foreach (var term in change.Added) termDeltas[term] = termDeltas.GetValueOrDefault(term) + 1;
            foreach (var term in change.Removed) termDeltas[term] = termDeltas.GetValueOrDefault(term) - 1;
            foreach (var term in change.Added)
                facetDeltas[(term, change.Kind, change.Status, change.Region)] = facetDeltas.GetValueOrDefault((term, change.Kind, change.Status, change.Region)) + 1;
            var before = groups++;
            var after = groups++;
            if (change.RemovedKind is { } kind && change.RemovedStatus is { } status && change.RemovedRegion is { } region)
            {
                foreach (var term in change.Removed) facetDeltas[(term, kind, status, region)] = facetDeltas.GetValueOrDefault((term, kind, status, region)) - 1;
                pairGroups.AddRange(change.Removed.Select(term => (before, term, -1, kind, status, region)));
            }
            pairGroups.AddRange(change.Added.Select(term => (after, term, 1, change.Kind, change.Status, change.Region)));
        }
        // In key order, so two drains changing the same words lock them in the same order.
        var counted = termDeltas.Where(t => t.Value != 0).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var faceted = facetDeltas.Where(t => t.Value != 0).OrderBy(t => t.Key.Term, StringComparer.Ordinal).ThenBy(t => t.Key.Kind, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Status, StringComparer.Ordinal).ThenBy(t => t.Key.Region, StringComparer.Ordinal).ToList();
        var touch = new SearchTouch(queued.SelectMany(q => q.Numbers).ToHashSet(StringComparer.Ordinal), queued.SelectMany(q => q.Bins).ToHashSet(StringComparer.Ordinal),
            changes.SelectMany(c => c.Added.Concat(c.Removed)).ToHashSet(StringComparer.Ordinal));
        // The totals and facets of the pages these words reach move now: the cache hears it at commit, as it heard of the documents.
        await conn.ExecuteAsync(new CommandDefinition($"{CountTerms};\n{(pairGroups.Count > 0 ? CountPairs + ";" : "")}\nselect pg_notify(@channel, @notice)",
            new
            {
                pairGroups = pairGroups.Select(p => p.Group).ToArray(), pairTerms = pairGroups.Select(p => p.Term).ToArray(),
                pairSigns = pairGroups.Select(p => p.Sign).ToArray(), pairKinds = pairGroups.Select(p => p.Kind).ToArray(),
                pairStatuses = pairGroups.Select(p => p.Status).ToArray(), pairRegions = pairGroups.Select(p => p.Region).ToArray(),
                terms = counted.Select(t => t.Key).ToArray(), deltas = counted.Select(t => t.Value).ToArray(),
                facetTerms = faceted.Select(t => t.Key.Term).ToArray(), facetKinds = faceted.Select(t => t.Key.Kind).ToArray(),
                facetStatuses = faceted.Select(t => t.Key.Status).ToArray(), facetRegions = faceted.Select(t => t.Key.Region).ToArray(),
                facetDeltas = faceted.Select(t => t.Value).ToArray(),
                channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(rows.Max(r => r.Position), touch),
            }, tx, cancellationToken: ct));
        return rows.Count;
    }
}
