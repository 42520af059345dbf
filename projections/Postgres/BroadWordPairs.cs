using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Outbox;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>
/// Keeps the pair counts of broad words and their facets (migrations 0204, 0205, 0330). It folds the pairs' changes the
/// projector queues (read.search_pair_queue) into the counts every <see cref="FoldInterval"/>, and admits words that
/// have become broad (in more than 10,000 documents) to read.search_pair_terms, counting their pairs with the words
/// already there from the documents. An admission folds the queue and counts in one snapshot, and folds and admissions
/// take turns under one lock, so each document is counted by the admission or by a later fold, never both and never
/// neither. Until a word is admitted, queries with it are estimated as before: slower, never wrong.
/// <para>
/// Both read everything first and write in the end, briefly, having declared that they write no outbox. A transaction
/// that has written holds every projector back until it ends unless it has declared so (the outbox horizon,
/// <see cref="OutboxReader"/>): counting a new word's pairs at 1M documents takes a second, and with the writes first,
/// decisions waited that second to reach verify (projection lag p99 1.0–1.7 s in the runs where a word was admitted);
/// an undeclared fold's writes held them 77 ms a second at 400 decisions/s.
/// </para>
/// </summary>
public sealed class BroadWordPairs(NpgsqlDataSource dataSource, ILogger<BroadWordPairs> logger) : BackgroundService
{
    /// <summary>Held by the one fold or admission under way: a session or transaction advisory lock, which takes no transaction id.</summary>
    public const long Lock = 20121068_0204;

    static readonly TimeSpan AdmitInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often the queue is folded. A fold's cost is its upserts, about 10 µs a pair and facet, and documents folded
    /// together share most of theirs (one scope's words, a city's): at 400 decisions/s, 36 documents made 1,317 upserts,
    /// 400 made 3,754. A reader sums what is queued, 1.6 ms more for 400 rows than for none, and only while decisions stream.
    /// </summary>
    static readonly TimeSpan FoldInterval = TimeSpan.FromSeconds(1);

    const string ReadQueue = """
        select seq, terms, kind, status, region, sign from read.search_pair_queue;
        select term from read.search_pair_terms
        """;

    /// <summary>Takes the folded rows out of the queue and adds their pairs' changes to the pairs and their facets.</summary>
    const string Fold = """
        delete from read.search_pair_queue where seq = any(@seqs);
        with deltas as (
            select * from unnest(@termsA::text[], @termsB::text[], @kinds::text[], @statuses::text[], @regions::text[], @deltas::int[])
                as d(term_a, term_b, kind, status, region, delta)),
        pairs as (
            insert into read.search_term_pairs (term_a, term_b, documents)
            select term_a, term_b, sum(delta)::int from deltas group by term_a, term_b having sum(delta) <> 0
            on conflict (term_a, term_b) do update set documents = read.search_term_pairs.documents + excluded.documents)
        insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
        select term_a, term_b, kind, status, region, delta from deltas
        on conflict (term_a, term_b, kind, status, region) do update set documents = read.search_term_pair_facets.documents + excluded.documents
        """;

    const string Candidates = """
        select t.term from read.search_terms t
        where t.documents > @above and not exists (select 1 from read.search_pair_terms p where p.term = t.term)
        """;

    /// <summary>The new words' pairs with the counted words and with each other, per kind, status and region, from the documents.</summary>
    const string CountNewPairs = """
        with fresh as (select unnest(@fresh::text[]) collate "C" as term),
        held as (
            select d.document_id, d.kind, d.status, coalesce(d.region, '') as region, t.term
            from read.search_rows d, unnest(tsvector_to_array(d.search)) as t(term)
            where d.search @@ to_tsquery('simple', @anyFresh)
              and (t.term in (select term from read.search_pair_terms) or t.term in (select term from fresh)))
        select a.term as termA, b.term as termB, a.kind, a.status, a.region, count(*)::int as documents
        from held a join held b on b.document_id = a.document_id and a.term < b.term
        where a.term in (select term from fresh) or b.term in (select term from fresh)
        group by a.term, b.term, a.kind, a.status, a.region
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FoldInterval);
        var admitted = DateTime.MinValue;
        do
        {
            try
            {
                await FoldAsync(dataSource, stoppingToken);
                if (DateTime.UtcNow - admitted < AdmitInterval) continue;
                admitted = DateTime.UtcNow;
                var words = await AdmitAsync(dataSource, SearchPage.ExactTotalLimit, stoppingToken);
                if (words.Count > 0) logger.LogInformation("Counting word pairs of {Words}", string.Join(", ", words));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Keeping the word pairs' counts failed; retrying in {Interval}", FoldInterval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Folds the queued pairs' changes into the counts, unless another fold or an admission is under way (this
    /// round is then theirs, or the next one's).</summary>
    public static async Task FoldAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select pg_try_advisory_xact_lock(@Lock)", new { Lock }, tx, cancellationToken: ct))) return;
        var queue = await ReadQueueAsync(conn, tx, ct);
        if (queue.Seqs.Length == 0) return;
        await OutboxReader.DeclareNoOutboxWritesAsync(conn, tx, ct);
        await conn.ExecuteAsync(new CommandDefinition(Fold, queue.Parameters(), tx, commandTimeout: 0, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Admits every word in more than <paramref name="above"/> documents not admitted yet; returns them. The lock is the
    /// session's, taken before the transaction, so the transaction's one snapshot follows every fold that ran before it:
    /// in it, the queue is folded with the words counted so far, and the new words' pairs are counted from the documents.
    /// What the projector queues meanwhile is not in the snapshot and is folded later, new words and all.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AdmitAsync(NpgsqlDataSource dataSource, int above, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (!(await conn.QueryAsync<string>(new CommandDefinition(Candidates, new { above }, cancellationToken: ct))).Any()) return [];
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@Lock)", new { Lock }, cancellationToken: ct));
        try
        {
            await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var queue = await ReadQueueAsync(conn, tx, ct);
            // Read again under the lock: another instance may have admitted them meanwhile.
            var fresh = (await conn.QueryAsync<string>(new CommandDefinition(Candidates, new { above }, tx, cancellationToken: ct))).ToArray();
            if (fresh.Length == 0) return [];
            var counted = (await conn.QueryAsync<(string TermA, string TermB, string Kind, string Status, string Region, int Documents)>(new CommandDefinition(
                CountNewPairs, new { fresh, anyFresh = string.Join(" | ", fresh.Select(SearchVocabulary.Quote)) }, tx, commandTimeout: 0, cancellationToken: ct))).AsList();
            // The new words' pairs had no rows before, so they are added as the fold adds its changes, in its statement.
            await OutboxReader.DeclareNoOutboxWritesAsync(conn, tx, ct);
            await conn.ExecuteAsync(new CommandDefinition("insert into read.search_pair_terms (term) select unnest(@fresh::text[])", new { fresh }, tx, cancellationToken: ct));
            var admitted = queue.Plus(counted);
            await conn.ExecuteAsync(new CommandDefinition(Fold, admitted.Parameters(), tx, commandTimeout: 0, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return fresh;
        }
        finally
        {
            // A broken connection took its session's lock with it.
            if (conn.State == System.Data.ConnectionState.Open)
                await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(@Lock)", new { Lock }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>
    /// The queued rows and their pairs' changes: a row's words before count -1 under its kind, status and region before;
    /// after, +1. The pairs are summed here rather than in SQL: expanding and grouping a fold's 30,000 pairs was half of
    /// its time in PostgreSQL (32 of 61 ms for 400 documents at 1M), the server the projector and every search wait for.
    /// </summary>
    static async Task<QueuedPairs> ReadQueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var read = await conn.QueryMultipleAsync(new CommandDefinition(ReadQueue, transaction: tx, cancellationToken: ct));
        var queued = (await read.ReadAsync<(long Seq, string[] Terms, string Kind, string Status, string Region, short Sign)>()).AsList();
        var counted = (await read.ReadAsync<string>()).ToHashSet(StringComparer.Ordinal);
        var sums = Interlocked.Exchange(ref spareSums, null) ?? [];
        try
        {
            foreach (var row in queued)
            {
                var words = row.Terms.Where(counted.Contains).Order(SearchVocabulary.CollateC).ToArray();
                for (var i = 0; i < words.Length; i++)
                    for (var j = i + 1; j < words.Length; j++)
                    {
                        var key = (words[i], words[j], row.Kind, row.Status, row.Region);
                        sums[key] = sums.GetValueOrDefault(key) + row.Sign;
                    }
            }
            return QueuedPairs.Of([.. queued.Select(q => q.Seq)], sums);
        }
        finally
        {
            // A fold after an outage may sum a hundred times as many; a dictionary keeps its size when emptied.
            var keep = sums.Count <= MaxSpareSums;
            sums.Clear();
            if (keep) spareSums = sums;
        }
    }

    /// <summary>
    /// The sums of the last fold, emptied, for the next: at 400 decisions/s a fold sums about 3,750 pairs, and a
    /// dictionary of that size is a large object, which made anew each second stays in the large-object heap as garbage
    /// until the next full collection.
    /// </summary>
    static Dictionary<(string A, string B, string Kind, string Status, string Region), int>? spareSums;

    const int MaxSpareSums = 16_384;

    /// <summary>The folded rows and the pairs' changes, as the fold's parameters: one array a column, each under the
    /// large-object size up to some 10,000 pairs.</summary>
    sealed record QueuedPairs(long[] Seqs, string[] TermsA, string[] TermsB, string[] Kinds, string[] Statuses, string[] Regions, int[] Deltas)
    {
        public static QueuedPairs Of(long[] seqs, Dictionary<(string A, string B, string Kind, string Status, string Region), int> sums)
        {
            var changed = sums.Count(s => s.Value != 0);
            var pairs = new QueuedPairs(seqs, new string[changed], new string[changed], new string[changed], new string[changed], new string[changed], new int[changed]);
            var i = 0;
            foreach (var ((a, b, kind, status, region), delta) in sums)
            {
                if (delta == 0) continue;
                (pairs.TermsA[i], pairs.TermsB[i], pairs.Kinds[i], pairs.Statuses[i], pairs.Regions[i], pairs.Deltas[i]) = (a, b, kind, status, region, delta);
                i++;
            }
            return pairs;
        }

        /// <summary>These changes and the pairs <paramref name="more"/> adds.</summary>
        public QueuedPairs Plus(List<(string TermA, string TermB, string Kind, string Status, string Region, int Documents)> more) => this with
        {
            TermsA = [.. TermsA, .. more.Select(m => m.TermA)], TermsB = [.. TermsB, .. more.Select(m => m.TermB)],
            Kinds = [.. Kinds, .. more.Select(m => m.Kind)], Statuses = [.. Statuses, .. more.Select(m => m.Status)],
            Regions = [.. Regions, .. more.Select(m => m.Region)], Deltas = [.. Deltas, .. more.Select(m => m.Documents)],
        };

        public object Parameters() => new { seqs = Seqs, termsA = TermsA, termsB = TermsB, kinds = Kinds, statuses = Statuses, regions = Regions, deltas = Deltas };
    }
}
