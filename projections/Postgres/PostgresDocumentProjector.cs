using Dapper;
using Npgsql;
using Registry.Domain.Events.V1;
using Registry.Projections.Caching;
using Registry.Projections.Outbox;
using Registry.Projections.Queries;
using Registry.Projections.ReadModel;

namespace Registry.Projections.Postgres;

/// <summary>Builds read.documents and the read.changes feed. Upserts are guarded by document version, so replays and
/// out-of-order delivery converge on the newest state.</summary>
public sealed class PostgresDocumentProjector : IProjector
{
    public const string ProjectorName = "postgres-documents";
    public string Name => ProjectorName;

    // Returns the document's words, kind, status and region before and after, when the upsert applied, so the batch can
    // keep read.search_terms and read.search_term_facets exact and queue the pairs' change.
    const string Upsert = """
        with previous as (
            select tsvector_to_array(search) as terms, kind, status, coalesce(region, '') as region, holder_identifier, search_order
            from read.documents where document_id = @DocumentId),
        upserted as (
            insert into read.documents (document_id, version, kind, number, number_norm, status, issued_on, valid_until,
                holder_id, holder_name, holder_identifier, region, sectors, name_folded, scope_folded, public_json, search_order, position, updated_at)
            values (@DocumentId, @Version, @Kind, @Number, @NumberNorm, @Status, @IssuedOn, @ValidUntil,
                @HolderId, @HolderName, @HolderIdentifier, @Region, @Sectors, @NameFolded, @ScopeFolded, @PublicJson::jsonb, @SearchOrder, @Position, now())
            on conflict (document_id) do update set
                version = excluded.version, status = excluded.status, valid_until = excluded.valid_until,
                holder_name = excluded.holder_name, holder_identifier = excluded.holder_identifier, region = excluded.region,
                sectors = excluded.sectors, name_folded = excluded.name_folded, scope_folded = excluded.scope_folded,
                public_json = excluded.public_json, search_order = excluded.search_order, position = excluded.position, updated_at = now()
            where read.documents.version < excluded.version
            returning tsvector_to_array(search) as terms, kind, status, coalesce(region, '') as region, holder_identifier, search_order
        ),
        changed as (
            insert into read.changes (document_id, kind, number, version, change, status)
            select @DocumentId, @Kind, @Number, @Version, @Change, @Status from upserted
        )
        select u.terms as added, u.kind, u.status, u.region, coalesce(p.terms, '{}') as removed,
               p.kind as removedKind, p.status as removedStatus, p.region as removedRegion,
               u.holder_identifier, p.holder_identifier as removedIdentifier, u.search_order, p.search_order as removedOrder
        from upserted u left join previous p on true
        """;

    /// <summary>Adds each term's change in document count over the batch, and lowers its first place in the search order
    /// to that of any document now holding it that comes before (migration 0360: a lower bound, so a document that moves
    /// later or goes leaves it; unknown stays unknown unless no document held the word), in one statement.</summary>
    const string CountTerms = """
        insert into read.search_terms (term, documents, first_order)
        select term, delta, first_order from unnest(@terms::text[], @deltas::int[], @firstOrders::bigint[]) as t(term, delta, first_order)
        on conflict (term) do update set documents = read.search_terms.documents + excluded.documents,
            first_order = case when read.search_terms.documents <= 0 then excluded.first_order
                               when read.search_terms.first_order is null then null
                               else least(read.search_terms.first_order, excluded.first_order) end;
        insert into read.search_term_facets (term, kind, status, region, documents)
        select term, kind, status, region, delta from unnest(@facetTerms::text[], @facetKinds::text[], @facetStatuses::text[], @facetRegions::text[],
            @facetDeltas::int[]) as t(term, kind, status, region, delta)
        on conflict (term, kind, status, region) do update set documents = read.search_term_facets.documents + excluded.documents
        """;

    /// <summary>
    /// Queues each changed document's words for the pair counts (migration 0330): its words before (sign -1, under its
    /// kind, status and region before) and after (+1), a row each. <see cref="BroadWordPairs"/> folds the queue into the
    /// counts, and readers add what is still queued, so the projector leaves the pairs' upserts (half its time at 400
    /// decisions/s) to run behind the documents without any reader seeing them disagree.
    /// </summary>
    const string QueuePairs = """
        insert into read.search_pair_queue (terms, kind, status, region, sign)
        select array_agg(h.term), h.kind, h.status, h.region, h.sign
        from unnest(@pairGroups::int[], @pairTerms::text[], @pairSigns::int[], @pairKinds::text[], @pairStatuses::text[], @pairRegions::text[])
            as h(grp, term, sign, kind, status, region)
        group by h.grp, h.kind, h.status, h.region, h.sign having count(*) > 1
        """;

    /// <summary>Counts every term, and the pairs of broad ones and their facets, afresh from the documents: after a bulk load.
    /// In key order, so a word's or a pair's few hundred facet rows share pages (migration 0330 took the counts out of the
    /// keys: they are read from the table).</summary>
    public static readonly string RecountTerms = $"""
        truncate read.search_terms;
        insert into read.search_terms (term, documents, first_order)
        select term, count(*), min(search_order) from read.documents, unnest(tsvector_to_array(search)) as term group by term;
        truncate read.search_term_facets;
        insert into read.search_term_facets (term, kind, status, region, documents)
        select term, kind, status, coalesce(region, ''), count(*) from read.documents, unnest(tsvector_to_array(search)) as term
        group by term, kind, status, coalesce(region, '') order by 1, 2, 3, 4;
        truncate read.search_pair_terms, read.search_pair_queue;
        insert into read.search_pair_terms (term) select term from read.search_terms where documents > {SearchPage.ExactTotalLimit};
        truncate read.search_term_pairs, read.search_term_pair_facets;
        with held as (
            select d.document_id, d.kind, d.status, coalesce(d.region, '') as region, t.term
            from read.documents d, unnest(tsvector_to_array(d.search)) as t(term)
            where t.term in (select term from read.search_pair_terms))
        insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
        select a.term, b.term, a.kind, a.status, a.region, count(*) from held a join held b on b.document_id = a.document_id and a.term < b.term
        group by a.term, b.term, a.kind, a.status, a.region order by 1, 2, 3, 4, 5;
        insert into read.search_term_pairs (term_a, term_b, documents)
        select term_a, term_b, sum(documents) from read.search_term_pair_facets group by term_a, term_b order by 1, 2;
        """;

    /// <summary>Copies read.search_rows afresh from the documents in the order of the holders' names (migration 0310: a
    /// name's words then match rows that share pages), index built after the rows: after a bulk load that ran with its
    /// trigger disabled (<see cref="SearchRowsTrigger"/>).</summary>
    public const string RebuildSearchRows = """
        truncate read.search_rows;
        drop index if exists read.read_search_rows_match_status;
        drop index if exists read.read_search_rows_adjacent_words;
        drop index if exists read.read_search_rows_word_pairs;
        insert into read.search_rows (document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search)
        select document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search from read.documents
        order by name_folded, document_id;
        create index read_search_rows_match_status on read.search_rows using gin (search, kind, region, status) with (gin_pending_list_limit = 512);
        create index read_search_rows_adjacent_words on read.search_rows using gin (read.adjacent_words(search)) with (gin_pending_list_limit = 512);
        create index read_search_rows_word_pairs on read.search_rows using gin (read.word_pairs(search)) with (gin_pending_list_limit = 512);
        """;

    /// <summary>The row trigger that keeps read.search_rows (migration 0201); a bulk load disables it and rebuilds after.</summary>
    public const string SearchRowsTrigger = "documents_search_rows";

    public async Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct)
    {
        var changedNumbers = new HashSet<string>(StringComparer.Ordinal);
        var termDeltas = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstOrders = new Dictionary<string, long>(StringComparer.Ordinal);
        var facetDeltas = new Dictionary<(string Term, string Kind, string Status, string Region), int>();
        var pairGroups = new List<(int Group, string Term, int Sign, string Kind, string Status, string Region)>();
        var groups = 0;
        var touchedWords = new HashSet<string>(StringComparer.Ordinal);
        var touchedBins = new HashSet<string>(StringComparer.Ordinal);
        foreach (var terms in await UpsertAsync(batch, tx, changedNumbers, ct))
        {
            touchedWords.UnionWith(terms.Added);
            touchedWords.UnionWith(terms.Removed);
            if (terms.Identifier is { } bin) touchedBins.Add(bin);
            if (terms.RemovedIdentifier is { } removedBin) touchedBins.Add(removedBin);
            foreach (var term in terms.Added) termDeltas[term] = termDeltas.GetValueOrDefault(term) + 1;
            // A word's first place can only come earlier by a document that now holds it and did not, or that moved earlier.
            var earlier = terms.RemovedOrder is not { } removedOrder || terms.SearchOrder < removedOrder;
            foreach (var term in earlier ? terms.Added : terms.Added.Except(terms.Removed, StringComparer.Ordinal))
                firstOrders[term] = firstOrders.TryGetValue(term, out var first) ? Math.Min(first, terms.SearchOrder) : terms.SearchOrder;
            foreach (var term in terms.Removed) termDeltas[term] = termDeltas.GetValueOrDefault(term) - 1;
            foreach (var term in terms.Added)
                facetDeltas[(term, terms.Kind, terms.Status, terms.Region)] = facetDeltas.GetValueOrDefault((term, terms.Kind, terms.Status, terms.Region)) + 1;
            if (terms.RemovedKind is { } kind && terms.RemovedStatus is { } status && terms.RemovedRegion is { } region)
                foreach (var term in terms.Removed)
                    facetDeltas[(term, kind, status, region)] = facetDeltas.GetValueOrDefault((term, kind, status, region)) - 1;
            var before = groups++;
            var after = groups++;
            if (terms.RemovedKind is { } removedKind && terms.RemovedStatus is { } removedStatus && terms.RemovedRegion is { } removedRegion)
                pairGroups.AddRange(terms.Removed.Select(term => (before, term, -1, removedKind, removedStatus, removedRegion)));
            pairGroups.AddRange(terms.Added.Select(term => (after, term, 1, terms.Kind, terms.Status, terms.Region)));
        }
        // In key order, so two projectors changing the same words lock them in the same order.
        // A word's count may not move while its first place does (a reinstatement).
        var counted = termDeltas.Where(t => t.Value != 0 || firstOrders.ContainsKey(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var faceted = facetDeltas.Where(t => t.Value != 0).OrderBy(t => t.Key.Term, StringComparer.Ordinal).ThenBy(t => t.Key.Kind, StringComparer.Ordinal)
            .ThenBy(t => t.Key.Status, StringComparer.Ordinal).ThenBy(t => t.Key.Region, StringComparer.Ordinal).ToList();
        // Delivered at commit, so read-model caches evict only once the change is visible.
        await tx.Connection!.ExecuteAsync(new CommandDefinition($"{CountTerms};\n{(pairGroups.Count > 0 ? QueuePairs + ";" : "")}\nselect pg_notify(@channel, @notice)",
            new
            {
                pairGroups = pairGroups.Select(p => p.Group).ToArray(), pairTerms = pairGroups.Select(p => p.Term).ToArray(),
                pairSigns = pairGroups.Select(p => p.Sign).ToArray(), pairKinds = pairGroups.Select(p => p.Kind).ToArray(),
                pairStatuses = pairGroups.Select(p => p.Status).ToArray(), pairRegions = pairGroups.Select(p => p.Region).ToArray(),
                terms = counted.Select(t => t.Key).ToArray(), deltas = counted.Select(t => t.Value).ToArray(),
                firstOrders = counted.Select(t => firstOrders.TryGetValue(t.Key, out var first) ? first : (long?)null).ToArray(),
                facetTerms = faceted.Select(t => t.Key.Term).ToArray(), facetKinds = faceted.Select(t => t.Key.Kind).ToArray(),
                facetStatuses = faceted.Select(t => t.Key.Status).ToArray(), facetRegions = faceted.Select(t => t.Key.Region).ToArray(),
                facetDeltas = faceted.Select(t => t.Value).ToArray(),
                channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(batch[^1].Position, new SearchTouch(changedNumbers, touchedBins, touchedWords)),
            }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Upserts every document of the batch in one round trip: one statement per change, in outbox order, so a document
    /// changed twice in the batch sees its first change as "previous". Serial round trips, one per document, were the
    /// projector's pace under load (each waits for a CPU the API's requests also want). Returns the word changes of the
    /// upserts that applied.
    /// </summary>
    static async Task<List<TermChange>> UpsertAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, HashSet<string> changedNumbers, CancellationToken ct)
    {
        await using var upserts = new NpgsqlBatch(tx.Connection, tx);
        foreach (var message in batch)
        {
            if (message.Type != DocumentChanged.Type) continue;
            var changed = DocumentChanged.FromJson(message.Payload);
            var row = DocumentReadRow.From(changed.Document, message.Position);
            upserts.BatchCommands.Add(UpsertCommand(row, changed.Change));
            changedNumbers.Add(row.NumberNorm);
        }
        var applied = new List<TermChange>();
        if (upserts.BatchCommands.Count == 0) return applied;
        await using var reader = await upserts.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
                applied.Add(new TermChange(reader.GetFieldValue<string[]>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetFieldValue<string[]>(4), Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7), Nullable(reader, 8), Nullable(reader, 9),
                    reader.GetInt64(10), reader.IsDBNull(11) ? null : reader.GetInt64(11)));
        } while (await reader.NextResultAsync(ct));
        return applied;
    }

    static string? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    static NpgsqlBatchCommand UpsertCommand(DocumentReadRow row, string change) => new(Upsert)
    {
        Parameters =
        {
            new("DocumentId", row.DocumentId), new("Version", row.Version), new("Kind", row.Kind), new("Number", row.Number),
            new("NumberNorm", row.NumberNorm), new("Status", row.Status), new("IssuedOn", row.IssuedOn),
            new("ValidUntil", (object?)row.ValidUntil ?? DBNull.Value), new("HolderId", row.HolderId), new("HolderName", row.HolderName),
            new("HolderIdentifier", (object?)row.HolderIdentifier ?? DBNull.Value), new("Region", (object?)row.Region ?? DBNull.Value),
            new("Sectors", row.Sectors.ToArray()), new("NameFolded", row.NameFolded), new("ScopeFolded", row.ScopeFolded),
            new("PublicJson", row.PublicJson), new("SearchOrder", row.SearchOrder), new("Position", row.Position), new("Change", change),
        },
    };

    sealed record TermChange(string[] Added, string Kind, string Status, string Region, string[] Removed, string? RemovedKind, string? RemovedStatus,
        string? RemovedRegion, string? Identifier, string? RemovedIdentifier, long SearchOrder, long? RemovedOrder);
}
