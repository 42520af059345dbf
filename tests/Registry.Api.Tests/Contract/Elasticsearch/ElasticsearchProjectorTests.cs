using Dapper;
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

/// <summary>The Elasticsearch projector against the in-memory node, on a real outbox and checkpoint in PostgreSQL.</summary>
public sealed class ElasticsearchProjectorTests(NoDaemonApp app) : IClassFixture<NoDaemonApp>
{
    static readonly ElasticsearchOptions Options = new() { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromMilliseconds(1) };

    ProjectorDaemon Daemon(IProjector projector, int batchSize = 50) =>
        new(projector, app.DataSource, new ProjectorOptions { BatchSize = batchSize }, NullLogger<ProjectorDaemon>.Instance);

    async Task<Guid> DocumentId(string number)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<Guid>("select id from documents where number = @number", new { number });
    }

    async Task ResetCheckpointAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("delete from projection_checkpoints where name = @name; delete from outbox_dead_letters;", new { name = ElasticsearchDocumentProjector.ProjectorName });
    }

    /// <summary>Until nothing is pending for this projector. Transactions open elsewhere in the cluster (other test
    /// classes) can hold rows back for a moment; they are delayed, never skipped.</summary>
    async Task DrainAsync(ProjectorDaemon daemon)
    {
        var status = app.Services.GetRequiredService<ProjectionStatus>();
        for (var i = 0; i < 500; i++)
        {
            while (await daemon.ProjectBatchAsync(CancellationToken.None) > 0) { }
            var lag = await status.LagAsync(CancellationToken.None);
            if (lag.Any(l => l.Projector == daemon.Name && l.Pending == 0)) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("The Elasticsearch projector did not drain the outbox.");
    }

    [Fact]
    public async Task Bulk_requests_index_through_the_alias_with_the_document_version_as_external_version()
    {
        await ResetCheckpointAsync();
        var number = await app.Officer().IssueAsync(Scenario.Attestation(name: "ТОО «Қарағанды Көмір»"));
        var fake = new FakeElasticsearch();
        await DrainAsync(Daemon(new ElasticsearchDocumentProjector(fake.Client(Options), Options)));

        var bulk = fake.Requests.Last(r => r.Path.EndsWith("/_bulk", StringComparison.Ordinal));
        Assert.Equal("/registry-documents/_bulk", bulk.Path);
        var id = (await DocumentId(number)).ToString();
        Assert.Contains("{\"index\":{\"_id\":\"" + id + "\",\"version\":1,\"version_type\":\"external\"}}", bulk.Body);
        var source = fake.Store[id].Source;
        Assert.Equal("караганди комир", source["nameFolded"]!.GetValue<string>().Replace("тоо ", "", StringComparison.Ordinal));
        Assert.Equal(Registry.Domain.Documents.DocumentNumber.Normalize(number), source["numberNorm"]!.GetValue<string>());
        Assert.Equal(new string([.. source["numberNorm"]!.GetValue<string>().Reverse()]), source["numberReversed"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_restart_between_bulk_and_checkpoint_indexes_every_document_exactly_once_at_its_latest_version()
    {
        await ResetCheckpointAsync();
        var numbers = new List<string>();
        for (var i = 0; i < 12; i++) numbers.Add(await app.Officer().IssueAsync(Scenario.Attestation()));
        await app.Officer().PostJsonAsync($"/api/v1/documents/{numbers[3]}/suspend", new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());

        var fake = new FakeElasticsearch();
        var projector = new ElasticsearchDocumentProjector(fake.Client(Options), Options);
        // The first run dies after its bulk request reached Elasticsearch but before the checkpoint committed.
        var crashing = new CrashAfterApply(projector);
        var crashed = false;
        for (var attempt = 0; attempt < 200 && !crashed; attempt++)
        {
            try { await Daemon(crashing, batchSize: 5).ProjectBatchAsync(CancellationToken.None); await Task.Delay(20); }
            catch (InvalidOperationException) { crashed = true; }
        }
        Assert.True(crashed);
        Assert.InRange(fake.Store.Count, 1, 5);
        await DrainAsync(Daemon(projector, batchSize: 5));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var expected = (await conn.QueryAsync<(Guid Id, int Version)>("select id, version from documents where number = any(@numbers)", new { numbers })).ToList();
        Assert.Equal(expected.Count, fake.Store.Count(kv => expected.Any(e => e.Id.ToString() == kv.Key)));
        Assert.All(expected, e => Assert.Equal(e.Version, fake.Store[e.Id.ToString()].Version));
        Assert.Equal("suspended", fake.Store[(await DocumentId(numbers[3])).ToString()].Source["status"]!.GetValue<string>());
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from outbox_dead_letters"));
    }

    [Fact]
    public async Task Rate_limited_items_are_retried_and_a_permanently_failing_document_is_dead_lettered_while_the_rest_proceed()
    {
        await ResetCheckpointAsync();
        var ok = await app.Officer().IssueAsync(Scenario.Attestation());
        var throttled = await app.Officer().IssueAsync(Scenario.Attestation());
        var broken = await app.Officer().IssueAsync(Scenario.Attestation());
        var rejected = await app.Officer().IssueAsync(Scenario.Attestation());
        var (throttledId, brokenId, rejectedId) = ((await DocumentId(throttled)).ToString(), (await DocumentId(broken)).ToString(), (await DocumentId(rejected)).ToString());
        var fake = new FakeElasticsearch
        {
            FailWith = (id, attempt) => id == throttledId && attempt == 1 ? 429 : id == brokenId ? 503 : id == rejectedId ? 400 : null,
        };
        await DrainAsync(Daemon(new ElasticsearchDocumentProjector(fake.Client(Options), Options)));

        Assert.True(fake.Store.ContainsKey((await DocumentId(ok)).ToString()));
        Assert.True(fake.Store.ContainsKey(throttledId));
        Assert.False(fake.Store.ContainsKey(brokenId));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var letters = (await conn.QueryAsync<(string Error, int Attempts)>("select error, attempts from outbox_dead_letters where projector = 'elasticsearch-documents' order by attempts")).ToList();
        Assert.Equal(2, letters.Count);
        Assert.Contains("400 mapper_parsing_exception", letters[0].Error);
        Assert.Equal(1, letters[0].Attempts);
        Assert.Contains("503", letters[1].Error);
        Assert.Equal(Options.MaxAttempts, letters[1].Attempts);
        var lag = await app.Services.GetRequiredService<ProjectionStatus>().LagAsync(CancellationToken.None);
        Assert.Equal(0, lag.Single(l => l.Projector == "elasticsearch-documents").Pending);
    }

    [Fact]
    public async Task A_transport_failure_leaves_the_checkpoint_where_it_was()
    {
        await ResetCheckpointAsync();
        await app.Officer().IssueAsync(Scenario.Attestation());
        var unreachable = new Elastic.Clients.Elasticsearch.ElasticsearchClient(new Uri("http://127.0.0.1:1"));
        var daemon = Daemon(new ElasticsearchDocumentProjector(unreachable, Options));
        Exception? failure = null;
        // A transaction open elsewhere in the cluster can hold the batch back for a moment; it is never skipped.
        for (var attempt = 0; attempt < 200 && failure is null; attempt++)
        {
            try { await daemon.ProjectBatchAsync(CancellationToken.None); await Task.Delay(20); }
            catch (Exception e) { failure = e; }
        }
        Assert.NotNull(failure);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select coalesce(max(position), 0) from projection_checkpoints where name = 'elasticsearch-documents'"));
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
