using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>
/// Keeps the pair counts of broad words and their facets (migrations 0204, 0205, 0330). It folds the pairs' changes the
/// projector queues (read.search_pair_queue) into the counts every <see cref="FoldInterval"/>, and admits words that
/// have become broad (in more than 10,000 documents) to read.search_pair_terms, counting their pairs with the words
/// already there from the documents. An admission folds the queue and counts in one snapshot, under a lock that holds
/// folds back, so each document is counted by the admission or by a later fold, never both and never neither. Until a
/// word is admitted, queries with it are estimated as before: slower, never wrong.
/// </summary>
public sealed class BroadWordPairs(NpgsqlDataSource dataSource, ILogger<BroadWordPairs> logger) : BackgroundService
{
    /// <summary>Taken shared by a fold, exclusive while a word is admitted.</summary>
    public const long Lock = 20121068_0204;

    static readonly TimeSpan AdmitInterval = TimeSpan.FromSeconds(10);

    /// <summary>How often the queue is folded: readers sum what is queued, so it is kept short.</summary>
    static readonly TimeSpan FoldInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Takes the queued rows no other fold holds, and adds their pairs of counted words to the pairs and their facets, in
    /// key order (two folds lock shared keys in one order). A row's words before count -1 under its kind, status and
    /// region before; after, +1.
    /// </summary>
    const string FoldQueue = """
        with taken as (
            delete from read.search_pair_queue where seq in (select seq from read.search_pair_queue for update skip locked)
            returning terms, kind, status, region, sign),
        deltas as materialized (
            select a.term as term_a, b.term as term_b, q.kind, q.status, q.region, sum(q.sign)::int as delta
            from taken q, unnest(q.terms) as a(term), unnest(q.terms) as b(term)
            where a.term < b.term
              and a.term in (select term from read.search_pair_terms) and b.term in (select term from read.search_pair_terms)
            group by a.term, b.term, q.kind, q.status, q.region having sum(q.sign) <> 0),
        pairs as (
            insert into read.search_term_pairs (term_a, term_b, documents)
            select term_a, term_b, sum(delta)::int from deltas group by term_a, term_b having sum(delta) <> 0 order by term_a, term_b
            on conflict (term_a, term_b) do update set documents = read.search_term_pairs.documents + excluded.documents)
        insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
        select term_a, term_b, kind, status, region, delta from deltas order by term_a, term_b, kind, status, region
        on conflict (term_a, term_b, kind, status, region) do update set documents = read.search_term_pair_facets.documents + excluded.documents
        """;

    const string Candidates = """
        select t.term from read.search_terms t
        where t.documents > @above and not exists (select 1 from read.search_pair_terms p where p.term = t.term)
        """;

    const string CountNewPairs = """
        with fresh as (select unnest(@fresh::text[]) collate "C" as term),
        held as (
            select d.document_id, d.kind, d.status, coalesce(d.region, '') as region, t.term
            from read.search_rows d, unnest(tsvector_to_array(d.search)) as t(term)
            where d.search @@ to_tsquery('simple', @anyFresh) and t.term in (select term from read.search_pair_terms)),
        counted as materialized (
            select a.term as term_a, b.term as term_b, a.kind, a.status, a.region, count(*)::int as documents
            from held a join held b on b.document_id = a.document_id and a.term < b.term
            where a.term in (select term from fresh) or b.term in (select term from fresh)
            group by a.term, b.term, a.kind, a.status, a.region),
        pairs as (
            insert into read.search_term_pairs (term_a, term_b, documents)
            select term_a, term_b, sum(documents) from counted group by term_a, term_b
            on conflict (term_a, term_b) do update set documents = excluded.documents)
        insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
        select term_a, term_b, kind, status, region, documents from counted
        on conflict (term_a, term_b, kind, status, region) do update set documents = excluded.documents
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

    /// <summary>Folds the queued pairs' changes into the counts (the shared lock waits for an admission under way).</summary>
    public static async Task FoldAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition($"select pg_advisory_xact_lock_shared(@Lock); {FoldQueue}", new { Lock }, tx, commandTimeout: 0, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Admits every word in more than <paramref name="above"/> documents not admitted yet; returns them. The lock is the
    /// session's, taken before the transaction, so the transaction's one snapshot follows every fold that ran before it:
    /// in it, the queue is folded with the words counted so far, then the new words' pairs are counted from the documents
    /// of that snapshot. What the projector queues meanwhile is not in the snapshot and is folded later, new words and all.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AdmitAsync(NpgsqlDataSource dataSource, int above, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (!(await conn.QueryAsync<string>(new CommandDefinition(Candidates, new { above }, cancellationToken: ct))).Any()) return [];
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@Lock)", new { Lock }, cancellationToken: ct));
        try
        {
            await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            await conn.ExecuteAsync(new CommandDefinition(FoldQueue, transaction: tx, commandTimeout: 0, cancellationToken: ct));
            // Read again under the lock: another instance may have admitted them meanwhile.
            var fresh = (await conn.QueryAsync<string>(new CommandDefinition($"insert into read.search_pair_terms (term) {Candidates} returning term",
                new { above }, tx, cancellationToken: ct))).ToList();
            if (fresh.Count > 0)
                await conn.ExecuteAsync(new CommandDefinition(CountNewPairs,
                    new { fresh = fresh.ToArray(), anyFresh = string.Join(" | ", fresh.Select(SearchVocabulary.Quote)) }, tx, commandTimeout: 0, cancellationToken: ct));
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
}
