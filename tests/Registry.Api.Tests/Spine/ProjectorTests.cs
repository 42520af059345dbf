using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Outbox;

namespace Registry.Api.Tests.Spine;

/// <summary>The projector daemon is not started here; tests drive it batch by batch.</summary>
public sealed class ProjectorApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Projections:Enabled"] = "false",
        ["Projections:BatchSize"] = "7",
    };
}

public sealed class ProjectorTests(ProjectorApp app) : IClassFixture<ProjectorApp>
{
    ProjectorDaemon Projector => app.Services.GetRequiredService<ProjectorDaemon>();

    /// <summary>Runs batches until nothing is pending. A transaction open anywhere in the cluster (other test classes
    /// share it) holds the snapshot xmin back and delays, never loses, what the projector may read.</summary>
    async Task DrainAsync(ProjectorDaemon projector)
    {
        var status = app.Services.GetRequiredService<ProjectionStatus>();
        for (var attempt = 0; attempt < 500; attempt++)
        {
            while (await projector.ProjectBatchAsync(CancellationToken.None) > 0) { }
            if ((await status.LagAsync(CancellationToken.None)).All(l => l.Pending == 0)) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("The projector did not drain the outbox.");
    }

    [Fact]
    public async Task Stopping_the_projector_mid_stream_and_starting_it_again_yields_every_document_exactly_once()
    {
        var officer = app.Officer();
        var numbers = new List<string>();
        for (var i = 0; i < 30; i++) numbers.Add(await officer.IssueAsync(Scenario.Attestation()));

        // "Stop" after two batches, then a fresh daemon (as after a restart) drains the rest.
        var applied = 0;
        for (var attempt = 0; applied < 14 && attempt < 500; attempt++)
        {
            var batch = await Projector.ProjectBatchAsync(CancellationToken.None);
            Assert.InRange(batch, 0, 7);
            applied += batch;
            if (batch == 0) await Task.Delay(20);
        }
        Assert.InRange(applied, 14, 29);
        var restarted = ActivatorUtilities.CreateInstance<ProjectorDaemon>(app.Services,
            app.Services.GetRequiredService<Registry.Projections.Postgres.PostgresDocumentProjector>());
        await DrainAsync(restarted);

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var projected = (await conn.QueryAsync<string>("select number from read.documents where number = any(@numbers)", new { numbers })).ToList();
        Assert.Equal(numbers.Order(), projected.Order());
        var changes = await conn.QueryAsync<(string Number, long Count)>(
            "select number, count(*) from read.changes where number = any(@numbers) group by number", new { numbers });
        Assert.All(changes, c => Assert.Equal(1, c.Count));
    }

    [Fact]
    public async Task An_event_committed_after_a_later_position_is_not_skipped()
    {
        await using var early = await app.DataSource.OpenConnectionAsync();
        await using var late = await app.DataSource.OpenConnectionAsync();
        await using var earlyTx = await early.BeginTransactionAsync();
        await using var lateTx = await late.BeginTransactionAsync();
        // The early transaction takes the lower position and commits last.
        await early.ExecuteAsync("insert into outbox (type, aggregate_id, payload) values ('test.v1', gen_random_uuid(), '{}')", transaction: earlyTx);
        await late.ExecuteAsync("insert into outbox (type, aggregate_id, payload) values ('test.v1', gen_random_uuid(), '{}')", transaction: lateTx);
        await lateTx.CommitAsync();

        while (await Projector.ProjectBatchAsync(CancellationToken.None) > 0) { }
        await earlyTx.CommitAsync();
        await DrainAsync(Projector);

        var status = await app.Services.GetRequiredService<ProjectionStatus>().LagAsync(CancellationToken.None);
        Assert.Equal(0, status.Single(s => s.Projector == "postgres-documents").Pending);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var seenBoth = await conn.ExecuteScalarAsync<long>("""
            select count(*) from outbox o, projection_checkpoints c
            where c.name = 'postgres-documents' and o.type = 'test.v1' and (o.tx, o.position) <= (c.tx, c.position)
            """);
        Assert.Equal(2, seenBoth);
    }
    [Fact]
    public async Task Only_a_transaction_that_may_write_the_outbox_holds_the_projector_back()
    {
        // Both take a transaction id, as their first write would; one of them has declared it writes no outbox.
        await using var writer = await app.DataSource.OpenConnectionAsync();
        await using var bystander = await app.DataSource.OpenConnectionAsync();
        await using var writerTx = await writer.BeginTransactionAsync();
        await using var bystanderTx = await bystander.BeginTransactionAsync();
        await OutboxReader.DeclareNoOutboxWritesAsync(bystander, bystanderTx, CancellationToken.None);
        await bystander.ExecuteAsync("select pg_current_xact_id()", transaction: bystanderTx);
        await writer.ExecuteAsync("select pg_current_xact_id()", transaction: writerTx);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var (eventTx, eventPosition) = await conn.QuerySingleAsync<(string, long)>(
            "insert into outbox (type, aggregate_id, payload) values ('test.v1', gen_random_uuid(), '{}') returning tx::text, position");
        const string Read = """
            select count(*) from projection_checkpoints
            where name = 'postgres-documents' and (tx, position) >= (@eventTx::xid8, @eventPosition)
            """;

        while (await Projector.ProjectBatchAsync(CancellationToken.None) > 0) { }
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>(Read, new { eventTx, eventPosition }));

        await writerTx.RollbackAsync();
        await DrainAsync(Projector);
        Assert.Equal(1, await conn.ExecuteScalarAsync<long>(Read, new { eventTx, eventPosition }));
        await bystanderTx.RollbackAsync();
    }
}
