using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.WriteModel;

namespace Registry.Api.Tests.Spine;

/// <summary>Writes kept for the commit (WriteModel/WritesAtCommit) go in the command's last round trip: they land with
/// the commit or not at all, each with its own parameters, and a transaction no command runs cannot keep any.</summary>
public sealed class WritesAtCommitTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    const string Probe = "insert into writes_at_commit_probe (id, label, on_date) values (@id, @label, coalesce(@onDate, date '2000-01-01'))";

    [Fact]
    public async Task Kept_writes_land_with_the_commit_each_with_its_own_parameters_nulls_included()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var reply = await RunAsync((_, tx) =>
        {
            WritesAtCommit.Add(tx, Probe, new { id = first, label = "first", onDate = (DateOnly?)new DateOnly(2026, 12, 4) });
            WritesAtCommit.Add(tx, Probe, new { id = second, label = "second", onDate = (DateOnly?)null });
            return CommandOutcome.Success(200, new { }, first);
        });

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal([(first, "first", new DateOnly(2026, 12, 4)), (second, "second", new DateOnly(2000, 1, 1))], await RowsAsync(first, second));
    }

    [Fact]
    public async Task A_refusal_sends_none_of_its_kept_writes()
    {
        var id = Guid.NewGuid();
        var reply = await RunAsync((_, tx) =>
        {
            WritesAtCommit.Add(tx, Probe, new { id, label = "refused", onDate = (DateOnly?)null });
            return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "No", "Refused after keeping a write.");
        });

        Assert.Equal(422, reply.StatusCode);
        Assert.Empty(await RowsAsync(id));
    }

    [Fact]
    public async Task A_kept_write_that_collides_answers_409_and_nothing_of_the_command_is_recorded()
    {
        var (id, entity) = (Guid.NewGuid(), Guid.NewGuid());
        var reply = await RunAsync((_, tx) =>
        {
            WritesAtCommit.Add(tx, Probe, new { id, label = "once", onDate = (DateOnly?)null });
            WritesAtCommit.Add(tx, Probe, new { id, label = "twice", onDate = (DateOnly?)null });
            return CommandOutcome.Success(200, new { }, entity);
        });

        Assert.Equal(409, reply.StatusCode);
        Assert.Empty(await RowsAsync(id));
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from audit_log where entity_id = @entity", new { entity }));
    }

    [Fact]
    public async Task A_transaction_no_command_runs_refuses_to_keep_a_write()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();

        Assert.Throws<InvalidOperationException>(() => WritesAtCommit.Add(tx, Probe, new { id = Guid.NewGuid(), label = "lost", onDate = (DateOnly?)null }));
    }

    async Task<CommandReply> RunAsync(Func<NpgsqlConnection, NpgsqlTransaction, CommandOutcome> command)
    {
        await using var dataSource = NpgsqlDataSource.Create(app.ConnectionString);
        await using (var conn = await dataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("create table if not exists writes_at_commit_probe (id uuid primary key, label text not null, on_date date not null)");
        return await Commands.RunAsync(dataSource, new CommandRequest("test.writes-at-commit", new { }, "test", "/test"),
            (conn, tx, _) => Task.FromResult(command(conn, tx)), CancellationToken.None);
    }

    async Task<List<(Guid Id, string Label, DateOnly OnDate)>> RowsAsync(params Guid[] ids)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        return (await conn.QueryAsync<(Guid, string, DateOnly)>("select id, label, on_date from writes_at_commit_probe where id = any(@ids) order by label",
            new { ids })).AsList();
    }
}
