using Dapper;
using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Outbox;

namespace Registry.Api.Tests.Contract.Elasticsearch;

public sealed class NoDaemonApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Projections:Enabled"] = "false" };
}

/// <summary>Runs a projector by hand on a real outbox and checkpoint. Transactions open elsewhere in the cluster (other
/// test classes) can hold rows back for a moment; they are delayed, never skipped, so these helpers wait.</summary>
public static class ProjectorDriver
{
    public static ProjectorDaemon Daemon(this RegistryApp app, IProjector projector, int batchSize = 50) =>
        new(projector, app.DataSource, new ProjectorOptions { BatchSize = batchSize }, NullLogger<ProjectorDaemon>.Instance);

    /// <summary>Until nothing is pending for this projector.</summary>
    public static async Task DrainAsync(this RegistryApp app, ProjectorDaemon daemon)
    {
        var status = app.Services.GetRequiredService<ProjectionStatus>();
        for (var i = 0; i < 500; i++)
        {
            while (await daemon.ProjectBatchAsync(CancellationToken.None) > 0) { }
            var lag = await status.LagAsync(CancellationToken.None);
            if (lag.Any(l => l.Projector == daemon.Name && l.Pending == 0)) return;
            await Task.Delay(20);
        }
        throw new TimeoutException($"{daemon.Name} did not drain the outbox.");
    }

    /// <summary>Until a batch fails; returns the failure.</summary>
    public static async Task<Exception> FailingBatchAsync(this ProjectorDaemon daemon)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            try { await daemon.ProjectBatchAsync(CancellationToken.None); }
            catch (Exception e) { return e; }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{daemon.Name} never failed a batch.");
    }

    /// <summary>Whether the projector's (tx, position) checkpoint has passed the document's first outbox row. Rows of other
    /// aggregates before it may be projected already when a transaction elsewhere held the document's row back.</summary>
    public static async Task<bool> ProjectedPastAsync(this RegistryApp app, string name, string number)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<bool>("""
            select exists (select 1 from projection_checkpoints c, outbox o
                           where c.name = @name and o.aggregate_id = (select id from documents where number = @number)
                             and (c.tx, c.position) >= (o.tx, o.position))
            """, new { name, number });
    }

    public static async Task<long> CheckpointAsync(this RegistryApp app, string name)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select coalesce(max(position), 0) from projection_checkpoints where name = @name", new { name });
    }

    public static async Task<Guid> DocumentIdAsync(this RegistryApp app, string number)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<Guid>("select id from documents where number = @number", new { number });
    }
}

/// <summary>The Elasticsearch projector against the in-memory node, on a real outbox and checkpoint in PostgreSQL.</summary>
public sealed class ElasticsearchProjectorTests(NoDaemonApp app) : IClassFixture<NoDaemonApp>
{
    const string Alias = "registry-documents";
    static readonly ElasticsearchOptions Options = new() { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromMilliseconds(1) };

    /// <summary>A node with the alias in place, and the projector writing to it.</summary>
    static (FakeElasticsearch Fake, ElasticsearchDocumentProjector Projector) Node(Action<FakeElasticsearch>? setUp = null)
    {
        var fake = new FakeElasticsearch();
        fake.Seed("registry-documents-v1", Alias);
        setUp?.Invoke(fake);
        return (fake, new ElasticsearchDocumentProjector(fake.Client(Options), Options));
    }

    async Task ResetAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("delete from projection_checkpoints where name = @name; delete from outbox_dead_letters;", new { name = ElasticsearchDocumentProjector.ProjectorName });
    }

    async Task<List<(long Position, string Error, int Attempts)>> DeadLettersAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return [.. await conn.QueryAsync<(long, string, int)>("select position, error, attempts from outbox_dead_letters where projector = 'elasticsearch-documents' order by position")];
    }

    [Fact]
    public async Task Bulk_requests_require_the_alias_and_carry_the_document_version_as_external_version()
    {
        await ResetAsync();
        var number = await app.Officer().IssueAsync(Scenario.Attestation(name: "ТОО «Қарағанды Көмір»"));
        var (fake, projector) = Node();
        await app.DrainAsync(app.Daemon(projector));

        var bulk = fake.Requests.Last(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        Assert.Equal(("/registry-documents/_bulk", "?require_alias=true"), (bulk.Path, bulk.Query));
        var id = (await app.DocumentIdAsync(number)).ToString();
        Assert.Contains("{\"index\":{\"_id\":\"" + id + "\",\"version\":1,\"version_type\":\"external\"}}", bulk.Body);
        var source = fake.Documents("registry-documents-v1")[id].Source;
        Assert.Equal("караганди комир", source["nameFolded"]!.GetValue<string>().Replace("тоо ", "", StringComparison.Ordinal));
        Assert.Equal(Registry.Domain.Documents.DocumentNumber.Normalize(number), source["numberNorm"]!.GetValue<string>());
        Assert.Equal(new string([.. source["numberNorm"]!.GetValue<string>().Reverse()]), source["numberReversed"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_node_auto_creates_a_concrete_index_for_a_plain_bulk_request_to_a_missing_name()
    {
        // What require_alias prevents: with dynamic mappings, keywords become text and the alias can never take the name.
        var fake = new FakeElasticsearch();
        await fake.Client(Options).BulkAsync(b => b.Index(Alias).IndexMany([new { n = 1 }], (op, _) => op.Id("x")));
        Assert.True(fake.Indices[Alias].AutoCreated);
        Assert.Null(fake.AliasTarget(Alias));
    }

    [Fact]
    public async Task Without_the_alias_every_item_is_refused_404_and_the_checkpoint_stays_without_dead_letters_until_the_alias_exists()
    {
        await ResetAsync();
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        var fake = new FakeElasticsearch();
        var daemon = app.Daemon(new ElasticsearchDocumentProjector(fake.Client(Options), Options));

        var failure = await daemon.FailingBatchAsync();
        Assert.IsType<ElasticsearchWriteException>(failure);
        Assert.Contains("404 index_not_found_exception", failure.Message);
        Assert.Empty(fake.Indices);
        Assert.False(await app.ProjectedPastAsync(ElasticsearchDocumentProjector.ProjectorName, number));
        Assert.Empty(await DeadLettersAsync());

        fake.Seed("registry-documents-v1", Alias);
        await app.DrainAsync(daemon);
        Assert.True(fake.Documents(Alias).ContainsKey((await app.DocumentIdAsync(number)).ToString()));
        Assert.Empty(await DeadLettersAsync());
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task An_item_error_that_outlasts_the_retries_keeps_the_checkpoint_and_writes_no_dead_letter(int status)
    {
        await ResetAsync();
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        var id = (await app.DocumentIdAsync(number)).ToString();
        var failing = true;
        var (fake, projector) = Node(f => f.FailWith = (doc, _) => failing && doc == id ? status : null);
        var daemon = app.Daemon(projector);

        var failure = await daemon.FailingBatchAsync();
        Assert.Contains($"after {Options.MaxAttempts} attempts", failure.Message);
        Assert.False(await app.ProjectedPastAsync(ElasticsearchDocumentProjector.ProjectorName, number));
        Assert.Empty(await DeadLettersAsync());

        failing = false; // the cluster recovers; the batch is retried and nothing was lost
        await app.DrainAsync(daemon);
        Assert.True(fake.Documents(Alias).ContainsKey(id));
    }

    [Theory]
    [InlineData(RequestFailure.BadRequest, "400 illegal_argument_exception: injected")]
    [InlineData(RequestFailure.TooLarge, "HTTP 413")]
    [InlineData(RequestFailure.TooManyRequests, "429 es_rejected_execution_exception")]
    [InlineData(RequestFailure.Transport, "Connection refused")]
    public async Task A_bulk_request_failing_as_a_whole_throws_Elasticsearch_s_error_and_keeps_the_checkpoint(RequestFailure mode, string expected)
    {
        await ResetAsync();
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        var (_, projector) = Node(f => f.FailRequest = (r, _) => r.Path.EndsWith("/_bulk", StringComparison.Ordinal) ? mode : null);

        var failure = await app.Daemon(projector).FailingBatchAsync();
        Assert.IsType<ElasticsearchWriteException>(failure);
        Assert.Contains(expected, failure.Message);
        Assert.False(await app.ProjectedPastAsync(ElasticsearchDocumentProjector.ProjectorName, number));
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task A_restart_between_bulk_and_checkpoint_indexes_every_document_exactly_once_at_its_latest_version()
    {
        await ResetAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 12; i++) numbers.Add(await app.Officer().IssueAsync(Scenario.Attestation()));
        await app.Officer().PostJsonAsync($"/api/v1/documents/{numbers[3]}/suspend", new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());

        var (fake, projector) = Node();
        // The first run dies after its bulk request reached Elasticsearch but before the checkpoint committed.
        Assert.IsType<InvalidOperationException>(await app.Daemon(new CrashAfterApply(projector), batchSize: 5).FailingBatchAsync());
        Assert.InRange(fake.Documents(Alias).Count, 1, 5);
        await app.DrainAsync(app.Daemon(projector, batchSize: 5));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var expected = (await conn.QueryAsync<(Guid Id, int Version)>("select id, version from documents where number = any(@numbers)", new { numbers })).ToList();
        var indexed = fake.Documents(Alias);
        Assert.All(expected, e => Assert.Equal(e.Version, indexed[e.Id.ToString()].Version));
        Assert.Equal("suspended", indexed[(await app.DocumentIdAsync(numbers[3])).ToString()].Source["status"]!.GetValue<string>());
        Assert.Empty(await DeadLettersAsync());
    }

    [Fact]
    public async Task A_throttled_item_is_retried_and_a_rejected_document_is_dead_lettered_then_replayed_once_the_cause_is_fixed()
    {
        await ResetAsync();
        var ok = await app.Officer().IssueAsync(Scenario.Attestation());
        var throttled = await app.Officer().IssueAsync(Scenario.Attestation());
        var rejected = await app.Officer().IssueAsync(Scenario.Attestation());
        var (throttledId, rejectedId) = ((await app.DocumentIdAsync(throttled)).ToString(), (await app.DocumentIdAsync(rejected)).ToString());
        var mappingFixed = false;
        var (fake, projector) = Node(f => f.FailWith = (id, attempt) =>
            id == throttledId && attempt == 1 ? 429 : id == rejectedId && !mappingFixed ? 400 : null);
        await app.DrainAsync(app.Daemon(projector));

        var indexed = fake.Documents(Alias);
        Assert.True(indexed.ContainsKey((await app.DocumentIdAsync(ok)).ToString()));
        Assert.True(indexed.ContainsKey(throttledId));
        Assert.False(indexed.ContainsKey(rejectedId));
        var letter = Assert.Single(await DeadLettersAsync());
        Assert.Contains("400 document_parsing_exception", letter.Error);
        Assert.Equal(1, letter.Attempts);
        var lag = await app.Services.GetRequiredService<ProjectionStatus>().LagAsync(CancellationToken.None);
        Assert.Equal(0, lag.Single(l => l.Projector == ElasticsearchDocumentProjector.ProjectorName).Pending);

        // Replaying while the cause persists keeps the letter; after the fix it indexes the document and clears it.
        Assert.Equal(new DeadLetterReplayResult(1, 1), await DeadLetterReplay.RunAsync(projector, app.DataSource, 10, CancellationToken.None));
        Assert.Single(await DeadLettersAsync());
        mappingFixed = true;
        Assert.Equal(new DeadLetterReplayResult(1, 0), await DeadLetterReplay.RunAsync(projector, app.DataSource, 10, CancellationToken.None));
        Assert.Empty(await DeadLettersAsync());
        Assert.True(fake.Documents(Alias).ContainsKey(rejectedId));
    }

    sealed class CrashAfterApply(IProjector inner) : IProjector
    {
        public string Name => inner.Name;

        public async Task ApplyAsync(IReadOnlyList<OutboxMessage> batch, NpgsqlTransaction tx, CancellationToken ct)
        {
            await inner.ApplyAsync(batch, tx, ct);
            throw new InvalidOperationException("crash before the checkpoint commits");
        }
    }
}
