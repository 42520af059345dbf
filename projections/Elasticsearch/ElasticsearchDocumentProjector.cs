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

/// <summary>A bulk request failed as a whole (cluster unreachable, overloaded, or the request refused), or some of its
/// documents were still refused for a passing reason after every attempt. Nothing of the batch may count as done.</summary>
public sealed class ElasticsearchWriteException(string message, bool transient) : Exception(message)
{
    /// <summary>Worth retrying soon: a transport error, 429 or 5xx.</summary>
    public bool Transient { get; } = transient;
}

/// <summary>A document Elasticsearch refused for a reason that will not pass by itself (a mapping rejection).</summary>
public sealed record RejectedDocument(RegistryIndexDocument Document, int Status, string? Type, string? Reason, int Attempt);

/// <summary>
/// Feeds the Elasticsearch alias from the outbox with its own checkpoint. Each document is indexed with its version as
/// an external version, so replays and out-of-order batches are harmless: Elasticsearch answers 409 when it already holds
/// that version or a newer one, and 409 counts as applied. Every bulk request requires its target to be an alias, so a
/// missing alias is a per-item 404 instead of an index auto-created with guessed mappings.
/// 429, 5xx, a missing alias and transport failures are retried with exponential backoff; if they outlast the attempts
/// the batch throws and its checkpoint stays (the daemon retries it later). Only a document refused for good (another
/// 4xx, e.g. a mapping rejection) goes to outbox_dead_letters, in the checkpoint's transaction, for a later
/// <see cref="DeadLetterReplay"/>.
/// </summary>
public sealed class ElasticsearchDocumentProjector(ElasticsearchClient client, ElasticsearchOptions options, string target) : IProjector
{
    public const string ProjectorName = "elasticsearch-documents";
    public string Name => ProjectorName;

    public ElasticsearchDocumentProjector(ElasticsearchClient client, ElasticsearchOptions options) : this(client, options, options.Alias) { }

    const string DeadLetter = """
        insert into outbox_dead_letters (projector, position, error, attempts) values (@projector, @position, @error, @attempts)
        on conflict (projector, position) do update set error = excluded.error, attempts = excluded.attempts, failed_at = now()
        """;

    public async Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct)
    {
        var docs = batch.Where(m => m.Type == DocumentChanged.Type)
            .Select(m => RegistryIndexDocument.From(DocumentReadRow.From(DocumentChanged.FromJson(m.Payload).Document, m.Position)))
            .ToList();
        foreach (var rejected in await IndexAsync(docs, ct))
            await tx.Connection!.ExecuteAsync(new CommandDefinition(DeadLetter, new
            {
                projector = Name, position = rejected.Document.Position, attempts = rejected.Attempt,
                error = $"{rejected.Status} {rejected.Type}: {rejected.Reason} (document {rejected.Document.Number} v{rejected.Document.Version})",
            }, tx, cancellationToken: ct));
    }

    /// <summary>Indexes the documents through the target alias, retrying what may pass; returns the documents refused for
    /// good. Throws <see cref="ElasticsearchWriteException"/> when anything is still failing for a passing reason.</summary>
    public async Task<IReadOnlyList<RejectedDocument>> IndexAsync(IReadOnlyList<RegistryIndexDocument> docs, CancellationToken ct)
    {
        var rejected = new List<RejectedDocument>();
        var pending = docs;
        var attempt = 0;
        var pipeline = new ResiliencePipelineBuilder<List<(RegistryIndexDocument Doc, ResponseItem Item)>>()
            .AddRetry(new RetryStrategyOptions<List<(RegistryIndexDocument Doc, ResponseItem Item)>>
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: ElasticsearchWriteException e } => e.Transient,
                    { Result.Count: > 0 } => true,
                    _ => false,
                }),
            })
            .Build();

        var failing = await pipeline.ExecuteAsync(async token =>
        {
            attempt++;
            var failed = await BulkAsync(pending, token);
            rejected.AddRange(failed.Where(f => !Transient(f.Item)).Select(f => new RejectedDocument(f.Doc, f.Item.Status, f.Item.Error?.Type, f.Item.Error?.Reason, attempt)));
            var again = failed.Where(f => Transient(f.Item)).ToList();
            pending = [.. again.Select(f => f.Doc)];
            return again;
        }, ct);
        if (failing.Count > 0)
        {
            var (doc, item) = failing[0];
            throw new ElasticsearchWriteException(
                $"{failing.Count} of {docs.Count} documents not indexed into {target} after {attempt} attempts; first: {item.Status} {item.Error?.Type}: {item.Error?.Reason} (document {doc.Number})",
                transient: true);
        }
        return rejected;
    }

    /// <summary>One bulk request; returns the items that were neither applied nor already applied.</summary>
    async Task<List<(RegistryIndexDocument Doc, ResponseItem Item)>> BulkAsync(IReadOnlyList<RegistryIndexDocument> docs, CancellationToken ct)
    {
        if (docs.Count == 0) return [];
        var response = await client.BulkAsync(b => b.Index(target).RequireAlias(true)
            .IndexMany(docs, (op, d) => op.Id(d.DocumentId).Version(d.Version).VersionType(VersionType.External)), ct);
        // A request refused or lost as a whole has no items: a 400, a 413, a 429, a 5xx or no answer at all.
        if (!response.ApiCallDetails.HasSuccessfulStatusCode || response.Items is not { } items || items.Count != docs.Count)
        {
            var status = response.ApiCallDetails.HttpStatusCode;
            throw new ElasticsearchWriteException($"Bulk request of {docs.Count} documents to {target} failed: {RegistryIndex.Describe(response)}",
                transient: status is null or 429 or >= 500);
        }
        return [.. docs.Zip(items).Where(p => !Applied(p.Second))];
    }

    static bool Applied(ResponseItem item) => item.Status is >= 200 and < 300 or 409;

    /// <summary>Passing reasons: overload, a server error, or the alias missing (404 under require_alias) while the
    /// index initialiser restores it.</summary>
    static bool Transient(ResponseItem item) => item.Status is 404 or 408 or 429 or >= 500;
}
