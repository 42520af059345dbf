using Dapper;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Webhooks;

/// <summary>The dispatcher (like GET /api/v1/changes) moves a subscription's position to the feed's high-water mark. A
/// change-feed row that became visible after a higher seq would be skipped for good; the feed's writers must commit in
/// seq order, whoever they are (migration 0290).</summary>
public sealed class ChangeFeedOrderTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    const string Append = """
        insert into read.changes (document_id, kind, number, version, change, status)
        values (gen_random_uuid(), 'accreditation', @number, 1, 'issued', 'valid') returning seq
        """;

    [Fact]
    public async Task Two_writers_at_once_commit_the_feed_in_seq_order_so_a_subscriber_gets_both_changes()
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        await using var receiver = await WebhookReceiver.StartAsync();
        await partner.SubscribeAsync(receiver.Url, kind: "accreditation");

        // The first writer takes a seq and stays open; a second one writes meanwhile.
        await using var slow = await app.DataSource.OpenConnectionAsync();
        await using var slowTx = await slow.BeginTransactionAsync();
        var slowSeq = await slow.ExecuteScalarAsync<long>(Append, new { number = "ORDER-SLOW" }, slowTx);
        var quick = Task.Run(async () =>
        {
            await using var conn = await app.DataSource.OpenConnectionAsync();
            return await conn.ExecuteScalarAsync<long>(Append, new { number = "ORDER-QUICK" });
        });
        // Time for the dispatcher (polling every 100 ms) to deliver the second change, had it committed first, and move on.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var quickCommittedFirst = quick.IsCompleted;
        await slowTx.CommitAsync();
        var quickSeq = await quick;

        var deliveries = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal(["ORDER-SLOW", "ORDER-QUICK"], deliveries.Select(d => d.Data.GetProperty("number").GetString()));
        Assert.False(quickCommittedFirst, "the second writer committed while the first, holding a lower seq, was still open");
        Assert.True(quickSeq > slowSeq);
    }
}
