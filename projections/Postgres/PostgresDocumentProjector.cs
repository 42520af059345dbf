using Dapper;
using Npgsql;
using Registry.Domain.Events.V1;
using Registry.Projections.Caching;
using Registry.Projections.Outbox;
using Registry.Projections.ReadModel;

namespace Registry.Projections.Postgres;

/// <summary>Builds read.documents and the read.changes feed. Upserts are guarded by document version, so replays and
/// out-of-order delivery converge on the newest state.</summary>
public sealed class PostgresDocumentProjector : IProjector
{
    public const string ProjectorName = "postgres-documents";
    public string Name => ProjectorName;

    const string Upsert = """
        with upserted as (
            insert into read.documents (document_id, version, kind, number, number_norm, status, issued_on, valid_until,
                holder_id, holder_name, holder_identifier, region, sectors, name_folded, scope_folded, public_json, position, updated_at)
            values (@DocumentId, @Version, @Kind, @Number, @NumberNorm, @Status, @IssuedOn, @ValidUntil,
                @HolderId, @HolderName, @HolderIdentifier, @Region, @Sectors, @NameFolded, @ScopeFolded, @PublicJson::jsonb, @Position, now())
            on conflict (document_id) do update set
                version = excluded.version, status = excluded.status, valid_until = excluded.valid_until,
                holder_name = excluded.holder_name, holder_identifier = excluded.holder_identifier, region = excluded.region,
                sectors = excluded.sectors, name_folded = excluded.name_folded, scope_folded = excluded.scope_folded,
                public_json = excluded.public_json, position = excluded.position, updated_at = now()
            where read.documents.version < excluded.version
            returning document_id
        )
        insert into read.changes (document_id, kind, number, version, change, status)
        select @DocumentId, @Kind, @Number, @Version, @Change, @Status from upserted
        """;

    public async Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct)
    {
        var changedNumbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in batch)
        {
            if (message.Type != DocumentChanged.Type) continue;
            var changed = DocumentChanged.FromJson(message.Payload);
            var row = DocumentReadRow.From(changed.Document, message.Position);
            await tx.Connection!.ExecuteAsync(new CommandDefinition(Upsert, Parameters(row, changed.Change), tx, cancellationToken: ct));
            changedNumbers.Add(row.NumberNorm);
        }
        // Delivered at commit, so read-model caches evict only once the change is visible.
        await tx.Connection!.ExecuteAsync(new CommandDefinition("select pg_notify(@channel, @notice)",
            new { channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(batch[^1].Position, changedNumbers) }, tx, cancellationToken: ct));
    }

    static DynamicParameters Parameters(DocumentReadRow row, string change)
    {
        var parameters = new DynamicParameters(row);
        parameters.Add("Change", change);
        return parameters;
    }
}
