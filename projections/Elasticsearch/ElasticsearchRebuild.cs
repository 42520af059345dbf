using Dapper;
using Elastic.Clients.Elasticsearch;
using Npgsql;
using Registry.Projections.Outbox;
using Registry.Projections.Postgres;

namespace Registry.Projections.Elasticsearch;

/// <summary>
/// Zero-downtime rebuild (make reindex; also the index initialiser's answer to a lost index):
/// <list type="number">
/// <item>create {alias}-v{n+1}, writable only through {alias}-rebuild;</item>
/// <item>bulk-load it from the PostgreSQL read model as of one snapshot (the read model holds every field of the index,
/// folded, with each document's version), then replay the outbox from the read model's checkpoint in that snapshot;</item>
/// <item>refresh and count: fewer documents than the snapshot held aborts the rebuild, as does any bulk page failing
/// (an aborted rebuild deletes only its own new index; the alias and the old index are untouched);</item>
/// <item>swap the alias atomically;</item>
/// <item>catch up: keep replaying, now through the alias, until every transaction that committed before the swap has
/// been read. The live projector wrote those through the alias, i.e. into the old index, up to the swap; this replay
/// puts them into the new one. External versions make the overlap harmless;</item>
/// <item>keep the old index for a grace period (searches running on it finish), then delete it.</item>
/// </list>
/// Once swapped, the new index holds what the read model holds today: the reasons a migration left for a rebuild
/// (read.elasticsearch_rebuild_due, migration 0382) that were known when it began are answered.
/// Readers use the alias throughout. One rebuild at a time (a PostgreSQL advisory lock).
/// </summary>
public sealed class ElasticsearchRebuild(ElasticsearchClient client, ElasticsearchOptions options, RegistryIndex index, NpgsqlDataSource dataSource)
{
    const int ReplayBatchSize = 1000;

    const string Page = """
        select document_id::text as documentid, kind, number, number_norm as numbernorm, reverse(number_norm) as numberreversed, status,
               to_char(issued_on, 'YYYY-MM-DD') as issuedon, to_char(valid_until, 'YYYY-MM-DD') as validuntil, holder_name as holdername,
               holder_identifier as holderidentifier, region, sectors, name_folded as namefolded, scope_folded as scopefolded,
               public_json::text as publicjson, search_order as searchorder, version::bigint as version, position
        from read.documents where document_id > @after order by document_id limit @limit
        """;

    public async Task<string> RunAsync(TextWriter progress, CancellationToken ct)
    {
        await using var lockConn = await dataSource.OpenConnectionAsync(ct);
        var lockKey = $"elasticsearch-rebuild:{options.Alias}";
        if (!await lockConn.ExecuteScalarAsync<bool>(new CommandDefinition("select pg_try_advisory_lock(hashtext(@lockKey))", new { lockKey }, cancellationToken: ct)))
            throw new InvalidOperationException($"Another rebuild of {options.Alias} is running.");
        try
        {
            return await RebuildAsync(progress, ct);
        }
        finally
        {
            await lockConn.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(hashtext(@lockKey))", new { lockKey }, cancellationToken: CancellationToken.None));
        }
    }

    async Task<string> RebuildAsync(TextWriter progress, CancellationToken ct)
    {
        var state = await index.InspectAsync(ct);
        var answered = await ExecuteScalarAsync<string[]>("select array(select reason from read.elasticsearch_rebuild_due)", ct);
        // A rebuild that died before its swap left its index behind the rebuild alias; it never served a reader.
        foreach (var orphan in state.Rebuilding)
        {
            await index.DeleteAsync(orphan, ct);
            progress.WriteLine($"removed {orphan}, left by an unfinished rebuild");
        }
        var next = index.VersionedName(state.LastVersion(index) + 1);
        await index.CreateForRebuildAsync(next, ct);

        Checkpoint cursor;
        try
        {
            var (from, loaded) = await LoadAsync(next, progress, ct);
            cursor = await ReplayAsync(index.RebuildAlias, from, swappedAt: null, ct);
            await VerifyCountAsync(next, loaded, ct);
        }
        catch (Exception e)
        {
            progress.WriteLine();
            progress.WriteLine($"rebuild aborted, {options.Alias} unchanged: {e.Message}");
            try { await index.DeleteAsync(next, CancellationToken.None); }
            catch (Exception cleanup) { progress.WriteLine($"could not delete {next}: {cleanup.Message}"); }
            throw;
        }

        await index.SwapAliasAsync(state, next, ct);
        var swappedAt = await ExecuteScalarAsync<string>("select pg_snapshot_xmax(pg_current_snapshot())::text", ct);
        try
        {
            await ReplayAsync(options.Alias, cursor, swappedAt, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{options.Alias} now points at {next}, but catching up with the writes made during the swap failed " +
                $"({e.Message}); {state.Current ?? "the old index"} is kept. Run the rebuild again.", e);
        }
        progress.WriteLine($"{options.Alias} → {next}");
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
            await conn.ExecuteAsync(new CommandDefinition("delete from read.elasticsearch_rebuild_due where reason = any(@answered)", new { answered }, cancellationToken: ct));

        if (state.Current is { } old)
        {
            progress.WriteLine($"keeping {old} for {options.OldIndexGracePeriod.TotalSeconds:0} s for searches already running on it");
            await Task.Delay(options.OldIndexGracePeriod, ct);
            try
            {
                await index.DeleteAsync(old, ct);
                progress.WriteLine($"removed {old}");
            }
            catch (InvalidOperationException e)
            {
                progress.WriteLine($"warning: {e.Message}; delete {old} by hand");
            }
        }
        return next;
    }

    /// <summary>Bulk-loads the read model as of one snapshot; returns the read model's checkpoint in that snapshot and
    /// how many documents it held.</summary>
    async Task<(Checkpoint From, long Loaded)> LoadAsync(string next, TextWriter progress, CancellationToken ct)
    {
        var writer = new ElasticsearchDocumentProjector(client, options, index.RebuildAlias);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var snapshot = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        // A plain read: the projector moves this row all the time, and writing it here would fail the snapshot (40001).
        var from = await conn.QuerySingleOrDefaultAsync<Checkpoint>(new CommandDefinition(
            "select tx::text as tx, position from projection_checkpoints where name = @name",
            new { name = PostgresDocumentProjector.ProjectorName }, snapshot, cancellationToken: ct)) ?? Checkpoint.Start;
        var total = await conn.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from read.documents", transaction: snapshot, cancellationToken: ct));
        var loaded = 0L;
        var after = Guid.Empty;
        while (true)
        {
            var rows = (await conn.QueryAsync<Row>(new CommandDefinition(Page, new { after, limit = options.RebuildBatchSize }, snapshot, cancellationToken: ct))).AsList();
            if (rows.Count == 0) break;
            var rejected = await writer.IndexAsync([.. rows.Select(r => r.Document())], ct);
            if (rejected.Count > 0)
                throw new InvalidOperationException($"{next} refused {rejected.Count} documents, first {rejected[0].Document.Number}: {rejected[0].Status} {rejected[0].Type}: {rejected[0].Reason}");
            loaded += rows.Count;
            after = Guid.Parse(rows[^1].DocumentId);
            progress.Write($"\r{next}: {loaded:N0}/{total:N0} documents ");
        }
        await snapshot.CommitAsync(ct);
        progress.WriteLine();
        return (from, loaded);
    }

    /// <summary>
    /// Applies the outbox after <paramref name="from"/> through <paramref name="target"/>. Before the swap it stops at the
    /// first empty batch. After it, an empty batch ends the replay only once no transaction older than the swap is still
    /// running (the reader's horizon, the snapshot's xmin, has passed the swap's xmax): until then such a transaction may
    /// still commit outbox rows the live projector wrote to the old index.
    /// </summary>
    async Task<Checkpoint> ReplayAsync(string target, Checkpoint from, string? swappedAt, CancellationToken ct)
    {
        var writer = new ElasticsearchDocumentProjector(client, options, target);
        var cursor = from;
        var settled = swappedAt is null;
        while (true)
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            var batch = await OutboxReader.ReadAsync(conn, cursor, ReplayBatchSize, tx, ct);
            if (batch.Count > 0)
            {
                await writer.ApplyAsync(batch, tx, ct); // a document refused for good is dead-lettered, as by the live projector
                await tx.CommitAsync(ct);
                cursor = new Checkpoint(batch[^1].Tx, batch[^1].Position);
                continue;
            }
            if (settled) return cursor;
            settled = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select pg_snapshot_xmin(pg_current_snapshot()) >= @swappedAt::xid8", new { swappedAt }, tx, cancellationToken: ct));
            if (!settled) await Task.Delay(20, ct);
        }
    }

    async Task VerifyCountAsync(string next, long loaded, CancellationToken ct)
    {
        var refresh = await client.Indices.RefreshAsync(next, ct);
        if (!refresh.IsValidResponse) throw new InvalidOperationException($"Refreshing {next} failed: {RegistryIndex.Describe(refresh)}");
        var count = await client.CountAsync(c => c.Indices(next), ct);
        if (!count.IsValidResponse) throw new InvalidOperationException($"Counting {next} failed: {RegistryIndex.Describe(count)}");
        if (count.Count < loaded) throw new InvalidOperationException($"{next} holds {count.Count:N0} documents, fewer than the {loaded:N0} loaded from the read model.");
    }

    async Task<T> ExecuteScalarAsync<T>(string sql, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.ExecuteScalarAsync<T>(new CommandDefinition(sql, cancellationToken: ct)))!;
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
