using Dapper;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Npgsql;
using Polly;
using Polly.Retry;
using Registry.Domain.Events.V1;
using Registry.Projections.Outbox;
using Registry.Projections.ReadModel;

namespace Registry.Projections.Elasticsearch;

/// <summary>
/// Feeds the Elasticsearch alias from the outbox with its own checkpoint. Each document is indexed with its version as
/// an external version, so replays and out-of-order batches are harmless: Elasticsearch answers 409 when it already holds
/// that version or a newer one, and 409 counts as applied. 429 and 5xx items are retried with exponential backoff;
/// items that still fail, or fail for any other reason, go to outbox_dead_letters in the checkpoint's transaction —
/// nothing is skipped silently. A transport failure throws, so the batch and its checkpoint are retried whole.
/// </summary>
public sealed class ElasticsearchDocumentProjector(ElasticsearchClient client, ElasticsearchOptions options) : IProjector
{
    public const string ProjectorName = "elasticsearch-documents";
    public string Name => ProjectorName;

    const string DeadLetter = """
        insert into outbox_dead_letters (projector, position, error, attempts) values (@projector, @position, @error, @attempts)
        on conflict (projector, position) do update set error = excluded.error, attempts = excluded.attempts, failed_at = now()
        """;

    public async Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct)
    {
        var pending = batch.Where(m => m.Type == DocumentChanged.Type)
            .Select(m => RegistryIndexDocument.From(DocumentReadRow.From(DocumentChanged.FromJson(m.Payload).Document, m.Position)))
            .ToList();
        var attempts = 0;
        var pipeline = new ResiliencePipelineBuilder<List<(RegistryIndexDocument Doc, ResponseItem Item)>>()
            .AddRetry(new RetryStrategyOptions<List<(RegistryIndexDocument Doc, ResponseItem Item)>>
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Count: > 0 } failed && failed.All(f => Retryable(f.Item))),
            })
            .Build();

        var failures = await pipeline.ExecuteAsync(async token =>
        {
            attempts++;
            var result = await IndexAsync(pending, token);
            pending = [.. result.Where(f => Retryable(f.Item)).Select(f => f.Doc)];
            // Permanent failures are recorded at once; only retryable ones go round again.
            foreach (var (doc, item) in result.Where(f => !Retryable(f.Item))) await RecordAsync(tx, doc, item, attempts, token);
            return result.Where(f => Retryable(f.Item)).ToList();
        }, ct);
        foreach (var (doc, item) in failures) await RecordAsync(tx, doc, item, attempts, ct);
    }

    /// <summary>One bulk request; returns the items that were neither applied nor already applied.</summary>
    async Task<List<(RegistryIndexDocument Doc, ResponseItem Item)>> IndexAsync(List<RegistryIndexDocument> docs, CancellationToken ct)
    {
        if (docs.Count == 0) return [];
        var response = await client.BulkAsync(b => b.Index(options.Alias)
            .IndexMany(docs, (op, d) => op.Id(d.DocumentId).Version(d.Version).VersionType(VersionType.External)), ct);
        if (!response.IsValidResponse && response.Items.Count == 0)
            throw new InvalidOperationException($"Bulk indexing failed: {response.DebugInformation}");
        return [.. docs.Zip(response.Items).Where(p => !Applied(p.Second))];
    }

    static bool Applied(ResponseItem item) => item.Status is >= 200 and < 300 or 409;

    static bool Retryable(ResponseItem item) => item.Status is 429 or >= 500;

    Task RecordAsync(NpgsqlTransaction tx, RegistryIndexDocument doc, ResponseItem item, int attempts, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(DeadLetter, new
        {
            projector = Name, position = doc.Position, attempts,
            error = $"{item.Status} {item.Error?.Type}: {item.Error?.Reason} (document {doc.Number} v{doc.Version})",
        }, tx, cancellationToken: ct));
}
