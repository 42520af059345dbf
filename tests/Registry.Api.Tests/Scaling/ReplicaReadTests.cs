using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Features.Documents;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Documents;
using Registry.Projections.Caching;
using Registry.Projections.Public;

namespace Registry.Api.Tests.Scaling;

/// <summary>Public reads from a "replica" (here the same database under a second connection string: no standby can be
/// started in the suite), so the read cache must follow the change feed instead of the primary's notices.</summary>
public sealed class ReplicaReadApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:RegistryReplica"] = ConnectionString,
        ["ReadCache:FeedPollInterval"] = "00:00:00.050",
    };
}

public sealed class ReplicaReadTests(ReplicaReadApp app) : IClassFixture<ReplicaReadApp>
{
    [Fact]
    public async Task Reading_from_a_replica_the_cache_follows_the_change_feed_and_ignores_notices()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await WaitForAsync(number, HttpStatusCode.OK);
        await FollowerCaughtUpAsync();
        await WaitForAsync(number, HttpStatusCode.OK); // now from memory
        var numberNorm = DocumentNumber.Normalize(number);
        Assert.True(app.Services.GetRequiredService<ReadModelCache>().TryGet(numberNorm, out _));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var documentId = await conn.ExecuteScalarAsync<Guid>("delete from read.documents where number_norm = @numberNorm returning document_id", new { numberNorm });
        // A notice from the primary means nothing here: the replica may not have replayed the change yet.
        await conn.ExecuteAsync("select pg_notify(@channel, @notice)", new { channel = ReadModelCache.NotifyChannel, notice = ReadModelCache.Notice(1, [numberNorm]) });
        await Task.Delay(300);
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/v1/verify/{number}")).StatusCode);

        // The replica has replayed a change of the document when its change-feed row is there. Nothing else evicts the
        // entry, so it must turn 404 within WaitForAsync's 10 s; not timed tighter, as a round on a loaded 2-core machine can stall.
        await conn.ExecuteAsync("""
            insert into read.changes (document_id, kind, number, version, change, status) values (@documentId, 'attestation', @number, 2, 'revoked', 'revoked')
            """, new { documentId, number });
        await WaitForAsync(number, HttpStatusCode.NotFound);
    }

    /// <summary>Every suspension must arrive (10 s at most, else the cache was not evicted); at least one of three
    /// rounds within a second, because on this shared 2-core machine a single round can lose the CPU for longer.</summary>
    [Fact]
    public async Task Reading_from_a_replica_a_suspension_reaches_verify_within_a_second()
    {
        var rounds = new List<TimeSpan>();
        for (var round = 0; round < 3 && !rounds.Any(r => r < TimeSpan.FromSeconds(1)); round++)
        {
            var number = await app.Officer().IssueAsync(Scenario.Attestation());
            await WaitForAsync(number, HttpStatusCode.OK);
            await FollowerCaughtUpAsync();
            await WaitForAsync(number, HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, (await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend",
                new ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString())).StatusCode);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(10)
                   && (await app.Anonymous().GetJsonAsync<VerificationResult>($"/api/v1/verify/{number}"))!.StatusOnDate != "suspended")
                await Task.Delay(10);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the suspension never reached verify: the cache was not evicted");
            rounds.Add(clock.Elapsed);
        }
        Assert.True(rounds.Any(r => r < TimeSpan.FromSeconds(1)), "suspension visible after " + string.Join(", ", rounds.Select(r => $"{r.TotalMilliseconds:F0} ms")));
    }

    /// <summary>The cache has followed the feed to its end, so nothing already projected will evict what is read next.</summary>
    async Task FollowerCaughtUpAsync()
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var last = await conn.ExecuteScalarAsync<long>("select max(seq) from read.changes");
        var cache = app.Services.GetRequiredService<ReadModelCache>();
        for (var i = 0; i < 400 && cache.LastSeenPosition < last; i++) await Task.Delay(10);
        Assert.True(cache.LastSeenPosition >= last);
    }

    async Task<TimeSpan> WaitForAsync(string number, HttpStatusCode status)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((await app.Anonymous().GetAsync($"/api/v1/verify/{number}")).StatusCode == status) return clock.Elapsed;
            await Task.Delay(10);
        }
        throw new TimeoutException($"verify {number} never answered {status}");
    }
}
