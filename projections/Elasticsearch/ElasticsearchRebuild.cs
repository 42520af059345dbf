using Dapper;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registry.Projections.Outbox;
using Registry.Projections.Postgres;

namespace Registry.Projections.Elasticsearch;

/// <summary>
/// Zero-downtime rebuild (make reindex): create {alias}-v{n+1}, bulk-load it from the PostgreSQL read model (which
/// holds every field of the index, folded, with each document's version) as of one snapshot, replay the outbox from the
/// read model's checkpoint in that snapshot into the new index, swap the alias atomically and drop the old index.
/// Readers use the alias throughout; the live projector keeps writing through it, and external versions make the
/// overlap with the replay harmless.
/// </summary>
public sealed class ElasticsearchRebuild(ElasticsearchClient client, ElasticsearchOptions options, RegistryIndex index, NpgsqlDataSource dataSource)
{
    const string RebuildCheckpoint = "elasticsearch-rebuild";
    const int PageSize = 2000;

    const string Page = """
        select document_id::text as documentid, kind, number, number_norm as numbernorm, reverse(number_norm) as numberreversed, status,
               to_char(issued_on, 'YYYY-MM-DD') as issuedon, to_char(valid_until, 'YYYY-MM-DD') as validuntil, holder_name as holdername,
               holder_identifier as holderidentifier, region, sectors, name_folded as namefolded, scope_folded as scopefolded,
               public_json::text as publicjson, search_order as searchorder, version::bigint as version, position
        from read.documents where document_id > @after order by document_id limit @limit
        """;

    public async Task<string> RunAsync(TextWriter progress, CancellationToken ct)
    {
        var aliases = await client.Indices.GetAliasAsync(new Elastic.Clients.Elasticsearch.IndexManagement.GetAliasRequest(Names.Parse(options.Alias)), ct);
        var current = aliases.IsValidResponse ? aliases.Aliases?.Keys.SingleOrDefault() : null;
        var next = index.VersionedName(current is null ? 1 : int.Parse(current[(current.LastIndexOf('v') + 1)..], System.Globalization.CultureInfo.InvariantCulture) + 1);
        await index.CreateAsync(next, ct);

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var snapshot = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var from = await OutboxReader.CheckpointAsync(conn, PostgresDocumentProjector.ProjectorName, snapshot, ct);
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from read.documents", transaction: snapshot, cancellationToken: ct));
        var loaded = 0L;
        var after = Guid.Empty;
        while (true)
        {
            var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Page, new { after, limit = PageSize }, snapshot, cancellationToken: ct))).AsList();
            if (rows.Count == 0) break;
            var response = await client.BulkAsync(b => b.Index(next).IndexMany(rows.Select(r => r.Document()),
                (op, d) => op.Id(d.DocumentId).Version(d.Version).VersionType(VersionType.External)), ct);
            if (response.ItemsWithErrors.Any(i => i.Status != 409))
                throw new InvalidOperationException($"Bulk load into {next} failed: {response.ItemsWithErrors.First().Error?.Reason}");
            loaded += rows.Count;
            after = Guid.Parse(rows[^1].DocumentId);
            progress.Write($"\r{next}: {loaded:N0}/{total:N0} documents ");
        }
        await snapshot.CommitAsync(ct);
        progress.WriteLine();

        await conn.ExecuteAsync(new CommandDefinition("""
            insert into projection_checkpoints (name, tx, position) values (@name, @tx::xid8, @position)
            on conflict (name) do update set tx = excluded.tx, position = excluded.position, updated_at = now()
            """, new { name = RebuildCheckpoint, from.Tx, from.Position }, cancellationToken: ct));
        var replay = new ProjectorDaemon(new ReplayInto(new ElasticsearchDocumentProjector(client, new ElasticsearchOptions
        {
            Alias = next, MaxAttempts = options.MaxAttempts, FirstRetryDelay = options.FirstRetryDelay,
        })), dataSource, new ProjectorOptions { BatchSize = 1000 }, NullLogger<ProjectorDaemon>.Instance);
        while (await replay.ProjectBatchAsync(ct) > 0) { }
        await conn.ExecuteAsync(new CommandDefinition("delete from projection_checkpoints where name = @name", new { name = RebuildCheckpoint }, cancellationToken: ct));

        await index.SwapAliasAsync(current, next, ct);
        if (current is not null) await client.Indices.DeleteAsync(current, ct);
        progress.WriteLine($"{options.Alias} → {next}{(current is null ? "" : $" (removed {current})")}");
        return next;
    }

    /// <summary>The replay keeps its own checkpoint, so the live projector's is untouched.</summary>
    sealed class ReplayInto(IProjector inner) : IProjector
    {
        public string Name => RebuildCheckpoint;

        public Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct) => inner.ApplyAsync(batch, tx, ct);
    }

    sealed class Row
    {
        public string DocumentId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Number { get; init; } = "";
        public string NumberNorm { get; init; } = "";
        public string NumberReversed { get; init; } = "";
        public string Status { get; init; } = "";
        public string IssuedOn { get; init; } = "";
        public string? ValidUntil { get; init; }
        public string HolderName { get; init; } = "";
        public string? HolderIdentifier { get; init; }
        public string? Region { get; init; }
        public string[] Sectors { get; init; } = [];
        public string NameFolded { get; init; } = "";
        public string ScopeFolded { get; init; } = "";
        public string PublicJson { get; init; } = "";
        public long SearchOrder { get; init; }
        public long Version { get; init; }
        public long Position { get; init; }

        public RegistryIndexDocument Document() => new(DocumentId, Kind, Number, NumberNorm, NumberReversed, Status, IssuedOn, ValidUntil, HolderName,
            HolderIdentifier, Region, Sectors, NameFolded, ScopeFolded, PublicJson, SearchOrder, Version, Position);
    }
}
