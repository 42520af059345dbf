using System.Net;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Registry.Api.Features.Documents;
using Registry.Api.Features.Webhooks;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Webhooks;

public sealed class WebhookApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:Timeout"] = "00:00:03",
        ["Webhooks:Lease"] = "00:00:10",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.100",
        ["Webhooks:RetryMaxDelay"] = "00:00:00.500",
        ["Webhooks:RetryHorizon"] = "00:00:03",
    };
}

public sealed class WebhookTests(WebhookApp app) : IClassFixture<WebhookApp>
{
    [Fact]
    public async Task Deliveries_are_signed_one_event_per_change_in_order_and_only_for_the_subscribed_number_bin_or_kind()
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        var bin = Scenario.NewBin();
        var before = await app.Officer().IssueAsync(Scenario.Attestation(bin));
        await app.WaitForProjectionsAsync();

        await using var byBin = await WebhookReceiver.StartAsync();
        await using var byNumber = await WebhookReceiver.StartAsync();
        await using var byKind = await WebhookReceiver.StartAsync();
        var binSubscription = await partner.SubscribeAsync(byBin.Url, bin: bin);
        var numberSubscription = await partner.SubscribeAsync(byNumber.Url, number: before.ToLowerInvariant());
        await partner.SubscribeAsync(byKind.Url, kind: "fire-equipment-conclusion");

        var first = await app.Officer().IssueAsync(Scenario.Attestation(bin));
        await app.Officer().IssueAsync(Scenario.Attestation());
        var conclusion = await app.Officer().IssueAsync(Scenario.For("fire-equipment-conclusion"));
        await app.Officer().PostJsonAsync($"/api/v1/documents/{first}/suspend", new ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await app.Officer().PostJsonAsync($"/api/v1/documents/{before}/revoke", new ChangeDocumentStatus.Request("Решение суда", null, null), Guid.NewGuid().ToString());

        var toBin = await byBin.WaitForAsync(3);
        Assert.Equal([(first, "issued"), (first, "suspended"), (before, "revoked")],
            toBin.Select(d => (d.Data.GetProperty("number").GetString(), d.Data.GetProperty("change").GetString())));
        Assert.All(toBin, d => Assert.True(d.SignedWith(binSubscription.Secret!), "signature"));
        Assert.All(toBin, d => Assert.Equal($"chg_{d.Seq}", d.Id));
        Assert.All(toBin, d => Assert.InRange(d.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        Assert.Equal(toBin.Select(d => d.Seq).Order(), toBin.Select(d => d.Seq));
        Assert.Equal("revoked", toBin[2].Data.GetProperty("status").GetString());

        var toNumber = await byNumber.WaitForAsync(1);
        Assert.Equal(before, Assert.Single(toNumber).Data.GetProperty("number").GetString());
        Assert.True(toNumber[0].SignedWith(numberSubscription.Secret!));
        Assert.False(toNumber[0].SignedWith(binSubscription.Secret!));
        Assert.Equal(conclusion, Assert.Single(await byKind.WaitForAsync(1)).Data.GetProperty("number").GetString());

        await Task.Delay(300); // nothing else arrives
        Assert.Equal(3, byBin.Deliveries.Count);
        Assert.Single(byNumber.Deliveries);
        Assert.Single(byKind.Deliveries);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Several_deliveries_may_be_under_way_at_once_when_asked_but_never_two_of_one_document_and_each_document_in_order(int maxInFlight)
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        var bin = Scenario.NewBin();
        await using var receiver = await WebhookReceiver.StartAsync();
        var hold = new TaskCompletionSource();
        var (underWay, mostAtOnce, sameDocumentAtOnce) = (0, 0, false);
        var documentsUnderWay = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        receiver.Respond = async delivery =>
        {
            var number = delivery.Data.GetProperty("number").GetString()!;
            if (documentsUnderWay.AddOrUpdate(number, 1, (_, n) => n + 1) > 1) sameDocumentAtOnce = true;
            var now = Interlocked.Increment(ref underWay);
            InterlockedMax(ref mostAtOnce, now);
            await hold.Task; // the first delivery waits until every change is in the feed, so the rest come as one page
            await Task.Delay(100);
            documentsUnderWay.AddOrUpdate(number, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref underWay);
            return 200;
        };
        var subscription = await partner.SubscribeAsync(receiver.Url, bin: bin, maxInFlight: maxInFlight);
        Assert.Equal(maxInFlight, subscription.MaxInFlight);

        var numbers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            numbers.Add(await app.Officer().IssueAsync(Scenario.Attestation(bin)));
            if (i < 3) // a document's next change right behind its first: within one window of deliveries
                await app.Officer().PostJsonAsync($"/api/v1/documents/{numbers[i]}/suspend", new ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        }
        await app.WaitForProjectionsAsync();
        hold.SetResult();

        var deliveries = await receiver.WaitForAsync(7);
        Assert.False(sameDocumentAtOnce, "two deliveries of one document were under way at once");
        if (maxInFlight == 1) Assert.Equal(1, mostAtOnce);
        else Assert.InRange(mostAtOnce, 2, maxInFlight);
        foreach (var number in numbers)
            Assert.Equal(number == numbers[3] ? ["issued"] : ["issued", "suspended"],
                deliveries.Where(d => d.Data.GetProperty("number").GetString() == number).Select(d => d.Data.GetProperty("change").GetString()));
        if (maxInFlight == 1) Assert.Equal(deliveries.Select(d => d.Seq).Order(), deliveries.Select(d => d.Seq));
    }

    static void InterlockedMax(ref int target, int value)
    {
        for (var seen = target; value > seen; seen = target)
            if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
    }

    [Fact]
    public async Task A_slow_receiver_does_not_delay_the_others()
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        var bin = Scenario.NewBin();
        await using var slow = await WebhookReceiver.StartAsync();
        await using var fast = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource();
        slow.Respond = async _ => { await release.Task; return 200; };
        await partner.SubscribeAsync(slow.Url, bin: bin);
        await partner.SubscribeAsync(fast.Url, bin: bin);

        await app.Officer().IssueAsync(Scenario.Attestation(bin));
        try
        {
            await slow.WaitForAsync(1); // and held there
            await fast.WaitForAsync(1);
            await app.Officer().IssueAsync(Scenario.Attestation(bin));
            await fast.WaitForAsync(2, TimeSpan.FromSeconds(20));
            Assert.Single(slow.Deliveries); // still holding the first one
        }
        finally
        {
            release.SetResult();
        }
        await slow.WaitForAsync(2);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_growing_delays_then_disabled_with_the_reason_and_a_replay_delivers_again_with_the_same_ids()
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        var bin = Scenario.NewBin();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => Task.FromResult(500);
        var subscription = await partner.SubscribeAsync(receiver.Url, bin: bin);
        var start = subscription.Position;
        var first = await app.Officer().IssueAsync(Scenario.Attestation(bin));
        var second = await app.Officer().IssueAsync(Scenario.Attestation(bin));

        var status = await WaitForStatusAsync(partner, subscription.Id, "disabled", TimeSpan.FromSeconds(30));
        Assert.Contains("500", status.DisabledReason);
        Assert.Equal(500, status.LastStatusCode);
        Assert.Equal(start, status.Position); // nothing was acknowledged

        var attempts = await (await partner.GetAsync($"/api/v1/webhooks/subscriptions/{subscription.Id}/attempts")).ReadAsync<List<WebhookSubscriptionsModule.Attempt>>();
        Assert.InRange(attempts.Count, 3, 40);
        Assert.All(attempts, a => Assert.Equal(500, a.StatusCode));
        Assert.All(attempts, a => Assert.Equal(first, receiver.Deliveries.First(d => d.Id == a.EventId).Data.GetProperty("number").GetString())); // the first change blocks the rest
        // Delays double from 100 ms and are capped at 500 ms with half of it random: by the fourth attempt a gap is at least 250 ms.
        var times = attempts.OrderBy(a => a.AttemptNumber).Select(a => a.At).ToList();
        Assert.True(times.Zip(times.Skip(1), (a, b) => b - a).Max() >= TimeSpan.FromMilliseconds(250), "back-off grows");
        var countWhenDisabled = receiver.Deliveries.Count;
        await Task.Delay(400);
        Assert.Equal(countWhenDisabled, receiver.Deliveries.Count); // disabled means no more attempts

        receiver.Respond = _ => Task.FromResult(200);
        var resumed = await (await partner.PostJsonAsync($"/api/v1/webhooks/subscriptions/{subscription.Id}/replay", new WebhookSubscriptionsModule.ReplayRequest(null), Guid.NewGuid().ToString()))
            .ReadAsync<WebhookSubscriptionsModule.Subscription>();
        Assert.Equal("active", resumed.Status);
        var delivered = (await receiver.WaitForAsync(countWhenDisabled + 2)).Skip(countWhenDisabled).ToList();
        Assert.Equal([first, second], delivered.Select(d => d.Data.GetProperty("number").GetString()));
        var healthy = await WaitForStatusAsync(partner, subscription.Id, "active", TimeSpan.FromSeconds(30));
        Assert.Equal(delivered[1].Seq, healthy.Position);

        await partner.PostJsonAsync($"/api/v1/webhooks/subscriptions/{subscription.Id}/replay", new WebhookSubscriptionsModule.ReplayRequest(start), Guid.NewGuid().ToString());
        var replayed = (await receiver.WaitForAsync(countWhenDisabled + 4)).Skip(countWhenDisabled + 2).ToList();
        Assert.Equal(delivered.Select(d => (d.Id, d.Body)), replayed.Select(d => (d.Id, d.Body)));
    }

    [Fact]
    public async Task Officers_issue_api_keys_of_which_only_a_hash_is_kept_and_revoking_one_stops_its_client()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostJsonAsync("/api/v1/admin/webhook-clients", new WebhookClientsModule.Request("X", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Auditor().PostJsonAsync("/api/v1/admin/webhook-clients", new WebhookClientsModule.Request("X", null))).StatusCode);
        var (partner, key) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        Assert.StartsWith("rk_", key.ApiKey);
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await partner.SubscribeAsync(receiver.Url, kind: "permit");

        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key.ApiKey)),
                await conn.ExecuteScalarAsync<byte[]>("select key_hash from webhook_clients where id = @ClientId", key));
            Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
                select (select count(*) from audit_log where details::text like '%' || @key || '%')
                     + (select count(*) from idempotency_keys where response_body::text like '%' || @key || '%')
                     + (select count(*) from webhook_clients where name like '%' || @key || '%' or contact like '%' || @key || '%')
                """, new { key = key.ApiKey }));
        }

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode);
        anonymous.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, "rk_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Officer().GetAsync("/api/v1/webhooks/subscriptions")).StatusCode);

        var (other, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient, "ТОО «Другой»");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/webhooks/subscriptions/{subscription.Id}")).StatusCode);
        Assert.Empty(await (await other.GetAsync("/api/v1/webhooks/subscriptions")).ReadAsync<List<WebhookSubscriptionsModule.Subscription>>());

        var reissued = await (await app.Officer().PostAsync($"/api/v1/admin/webhook-clients/{key.ClientId}/key", null)).ReadAsync<WebhookClientsModule.IssuedKey>();
        Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode);
        partner.DefaultRequestHeaders.Remove(ApiKeyAuthentication.Header);
        partner.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, reissued.ApiKey);
        Assert.Single(await (await partner.GetAsync("/api/v1/webhooks/subscriptions")).ReadAsync<List<WebhookSubscriptionsModule.Subscription>>());

        await app.Officer().PostJsonAsync($"/api/v1/admin/webhook-clients/{key.ClientId}/revoke", new { }, Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            Assert.Equal("disabled", await conn.ExecuteScalarAsync<string>("select status from webhook_subscriptions where id = @Id", subscription));
    }

    [Fact]
    public async Task A_subscription_needs_a_filter_and_a_valid_one()
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        foreach (var request in new[]
        {
            new WebhookSubscriptionsModule.Request("http://127.0.0.1:9/hook", null, null, null, null),
            new WebhookSubscriptionsModule.Request("http://127.0.0.1:9/hook", "licence", null, null, null),
            new WebhookSubscriptionsModule.Request("http://127.0.0.1:9/hook", null, "123456789012", null, null),
            new WebhookSubscriptionsModule.Request("http://127.0.0.1:9/hook", "attestation", null, null, null, 0),
            new WebhookSubscriptionsModule.Request("http://127.0.0.1:9/hook", "attestation", null, null, null, 17),
        })
            Assert.Equal(HttpStatusCode.BadRequest, (await partner.PostJsonAsync("/api/v1/webhooks/subscriptions", request, Guid.NewGuid().ToString())).StatusCode);
    }

    static async Task<WebhookSubscriptionsModule.Subscription> WaitForStatusAsync(HttpClient partner, Guid id, string status, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var subscription = await (await partner.GetAsync($"/api/v1/webhooks/subscriptions/{id}")).ReadAsync<WebhookSubscriptionsModule.Subscription>();
            if (subscription.Status == status && subscription.LastDeliveredAt is not null == (status == "active") || DateTime.UtcNow > deadline)
            {
                Assert.Equal(status, subscription.Status);
                return subscription;
            }
            await Task.Delay(50);
        }
    }
}
