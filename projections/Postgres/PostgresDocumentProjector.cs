using System.Text.Json;
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

    // Returns the document's words, kind, status and region before and after, when the upsert applied, so that
    // WordCountDrain can keep read.search_terms and read.search_term_facets exact.
    const string Upsert = """
        with previous as (
            select tsvector_to_array(search) as terms, kind, status, coalesce(region, '') as region, holder_identifier
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
            returning tsvector_to_array(search) as terms, kind, status, coalesce(region, '') as region, holder_identifier
        ),
        changed as (
            insert into read.changes (document_id, kind, number, version, change, status)
            select @DocumentId, @Kind, @Number, @Version, @Change, @Status from upserted
        )
        select u.terms as added, u.kind, u.status, u.region, coalesce(p.terms, '{}') as removed,
               p.kind as removedKind, p.status as removedStatus, p.region as removedRegion,
               u.holder_identifier, p.holder_identifier as removedIdentifier
        from upserted u left join previous p on true
        """;

    /// <summary>Counts every term, and the pairs of broad ones and their facets, afresh from the documents: after a bulk load.</summary>
    public static readonly string RecountTerms = $"""
        truncate read.word_count_changes;
        truncate read.search_terms;
        insert into read.search_terms (term, documents)
        select term, count(*) from read.documents, unnest(tsvector_to_array(search)) as term group by term;
        truncate read.search_term_facets;
        insert into read.search_term_facets (term, kind, status, region, documents)
        select term, kind, status, coalesce(region, ''), count(*) from read.documents, unnest(tsvector_to_array(search)) as term
        group by term, kind, status, coalesce(region, '');
        truncate read.search_pair_terms;
        insert into read.search_pair_terms (term) select term from read.search_terms where documents > {SearchPage.ExactTotalLimit};
        truncate read.search_term_pairs, read.search_term_pair_facets;
        with held as (
            select d.document_id, d.kind, d.status, coalesce(d.region, '') as region, t.term
            from read.documents d, unnest(tsvector_to_array(d.search)) as t(term)
            where t.term in (select term from read.search_pair_terms))
        insert into read.search_term_pair_facets (term_a, term_b, kind, status, region, documents)
        select a.term, b.term, a.kind, a.status, a.region, count(*) from held a join held b on b.document_id = a.document_id and a.term < b.term
        group by a.term, b.term, a.kind, a.status, a.region;
        insert into read.search_term_pairs (term_a, term_b, documents)
        select term_a, term_b, sum(documents) from read.search_term_pair_facets group by term_a, term_b;
        """;

    /// <summary>Copies read.search_rows afresh from the documents in the order of the holders' names (migration 0310: a
    /// name's words then match rows that share pages), index built after the rows: after a bulk load that ran with its
    /// trigger disabled (<see cref="SearchRowsTrigger"/>).</summary>
    public const string RebuildSearchRows = """
        truncate read.search_rows;
        drop index if exists read.read_search_rows_match_status;
        insert into read.search_rows (document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search)
        select document_id, search_order, kind, status, region, sectors, holder_identifier, issued_on, search from read.documents
        order by name_folded, document_id;
        create index read_search_rows_match_status on read.search_rows using gin (search, kind, region, status);
        """;

    /// <summary>The row trigger that keeps read.search_rows (migration 0201); a bulk load disables it and rebuilds after.</summary>
    public const string SearchRowsTrigger = "documents_search_rows";

    /// <summary>Upserts the batch's documents and queues their word changes for <see cref="WordCountDrain"/>, so the
    /// documents are visible without waiting for the counts.</summary>
    public async Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct)
    {
        var changedNumbers = new HashSet<string>(StringComparer.Ordinal);
        var touchedWords = new HashSet<string>(StringComparer.Ordinal);
        var touchedBins = new HashSet<string>(StringComparer.Ordinal);
        var changes = new List<WordChange>();
        foreach (var (change, identifier, removedIdentifier) in await UpsertAsync(batch, tx, changedNumbers, ct))
        {
            changes.Add(change);
            touchedWords.UnionWith(change.Added);
            touchedWords.UnionWith(change.Removed);
            if (identifier is { } bin) touchedBins.Add(bin);
            if (removedIdentifier is { } removedBin) touchedBins.Add(removedBin);
        }
        var position = batch[^1].Position;
        var queue = changes.Count > 0 ? WordCountDrain.Queue + ";\n" : "";
        // Delivered at commit, so read-model caches evict only once the change is visible.
        await tx.Connection!.ExecuteAsync(new CommandDefinition($"{queue}select pg_notify(@channel, @notice)",
            new
            {
                position, changes = JsonSerializer.Serialize(new QueuedWordChanges([.. changedNumbers], [.. touchedBins], [.. changes])),
                channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(position, new SearchTouch(changedNumbers, touchedBins, touchedWords)),
            }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Upserts every document of the batch in one round trip: one statement per change, in outbox order, so a document
    /// changed twice in the batch sees its first change as "previous". Serial round trips, one per document, were the
    /// projector's pace under load (each waits for a CPU the API's requests also want). Returns the word changes of the
    /// upserts that applied.
    /// </summary>
    static async Task<List<(WordChange Change, string? Identifier, string? RemovedIdentifier)>> UpsertAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, HashSet<string> changedNumbers, CancellationToken ct)
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
        var applied = new List<(WordChange, string?, string?)>();
        if (upserts.BatchCommands.Count == 0) return applied;
        await using var reader = await upserts.ExecuteReaderAsync(ct);
        do
        {
            while (await reader.ReadAsync(ct))
                applied.Add((new WordChange(reader.GetFieldValue<string[]>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetFieldValue<string[]>(4), Nullable(reader, 5), Nullable(reader, 6), Nullable(reader, 7)), Nullable(reader, 8), Nullable(reader, 9)));
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
}
