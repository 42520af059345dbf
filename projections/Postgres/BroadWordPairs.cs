using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>
/// Admits words that have become broad (in more than 10,000 documents) to read.search_pair_terms and counts their pairs
/// with the words already there, and the pairs' facets, from the documents (migrations 0204, 0205). From then on the
/// projector keeps those pairs. The exclusive lock waits for projectors' batches under way and holds new ones back while
/// the pairs are counted, so each document is counted here or by the projector, never both and never neither. Until a
/// word is admitted, queries with it are estimated as before: slower, never wrong.
/// </summary>
public sealed class BroadWordPairs(NpgsqlDataSource dataSource, ILogger<BroadWordPairs> logger) : BackgroundService
{
    /// <summary>Taken shared by the projector's pair counting, exclusive while a word is admitted.</summary>
    public const long Lock = 20121068_0204;

    static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

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
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var admitted = await AdmitAsync(dataSource, SearchPage.ExactTotalLimit, stoppingToken);
                if (admitted.Count > 0) logger.LogInformation("Counting word pairs of {Words}", string.Join(", ", admitted));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Admitting broad words to the pair counts failed; retrying in {Interval}", Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Admits every word in more than <paramref name="above"/> documents not admitted yet; returns them.</summary>
    public static async Task<IReadOnlyList<string>> AdmitAsync(NpgsqlDataSource dataSource, int above, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        if (!(await conn.QueryAsync<string>(new CommandDefinition(Candidates, new { above }, cancellationToken: ct))).Any()) return [];
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(@Lock)", new { Lock }, tx, cancellationToken: ct));
        // Read again under the lock: another instance may have admitted them meanwhile.
        var fresh = (await conn.QueryAsync<string>(new CommandDefinition($"insert into read.search_pair_terms (term) {Candidates} returning term",
            new { above }, tx, cancellationToken: ct))).ToList();
        if (fresh.Count > 0)
            await conn.ExecuteAsync(new CommandDefinition(CountNewPairs,
                new { fresh = fresh.ToArray(), anyFresh = string.Join(" | ", fresh.Select(SearchVocabulary.Quote)) }, tx, commandTimeout: 0, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return fresh;
    }
}
