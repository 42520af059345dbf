using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Domain.Documents;
using Registry.Domain.Events.V1;
using Registry.Domain.Search;
using Registry.Projections.Caching;
using Registry.Projections.Outbox;
using Registry.Projections.Public;

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
            var changed = JsonSerializer.Deserialize(message.Payload, RegistryJson.Default.DocumentChanged)
                ?? throw new InvalidOperationException($"Outbox message {message.Position} has an empty payload.");
            await tx.Connection!.ExecuteAsync(new CommandDefinition(Upsert, Row(changed, message.Position), tx, cancellationToken: ct));
            changedNumbers.Add(DocumentNumber.Normalize(changed.Document.Number));
        }
        // Delivered at commit, so read-model caches evict only once the change is visible.
        await tx.Connection!.ExecuteAsync(new CommandDefinition("select pg_notify(@channel, @notice)",
            new { channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(batch[^1].Position, changedNumbers) }, tx, cancellationToken: ct));
    }

    static object Row(DocumentChanged changed, long position)
    {
        var d = changed.Document;
        return new
        {
            d.DocumentId, d.Version, d.Kind, d.Number, NumberNorm = DocumentNumber.Normalize(d.Number), d.Status, d.IssuedOn, d.ValidUntil,
            HolderId = d.Holder.Id, HolderName = d.Holder.Name, HolderIdentifier = PublicView.SearchableIdentifier(d.Holder), d.Holder.Region,
            Sectors = d.Sectors.ToArray(),
            NameFolded = SearchText.Fold(string.Join(' ', d.Holder.FormerNames.Prepend(d.Holder.Name))),
            ScopeFolded = SearchText.Fold(string.Join(' ', d.Sectors.Concat(d.Scope))),
            PublicJson = JsonSerializer.Serialize(PublicView.From(d), RegistryJson.Default.PublicDocument),
            Position = position, changed.Change,
        };
    }
}
