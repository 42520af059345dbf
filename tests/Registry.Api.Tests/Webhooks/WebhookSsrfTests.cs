using System.Net;
using Dapper;
using Registry.Api.Features.Webhooks;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Webhooks;

/// <summary>As in production: loopback receivers are not allowed.</summary>
public sealed class ProductionWebhookApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webhooks:AllowLoopback"] = "false",
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RetryBaseDelay"] = "00:00:00.100",
    };
}

public sealed class WebhookSsrfTests(ProductionWebhookApp app) : IClassFixture<ProductionWebhookApp>
{
    [Theory]
    [InlineData("https://localhost/hook", "not a public address")]
    [InlineData("https://127.0.0.1/hook", "not a public address")]
    [InlineData("https://[::1]/hook", "not a public address")]
    [InlineData("https://10.20.30.40/hook", "not a public address")]
    [InlineData("https://172.16.0.1/hook", "not a public address")]
    [InlineData("https://192.168.1.1/hook", "not a public address")]
    [InlineData("https://169.254.169.254/latest/meta-data", "not a public address")]
    [InlineData("https://100.64.0.1/hook", "not a public address")]
    [InlineData("https://0.0.0.0/hook", "not a public address")]
    [InlineData("https://[fd00::1]/hook", "not a public address")]
    [InlineData("https://[fe80::1]/hook", "not a public address")]
    [InlineData("https://[::ffff:10.0.0.1]/hook", "not a public address")]
    [InlineData("http://93.184.215.14/hook", "must use https")]
    [InlineData("https://user:secret@93.184.215.14/hook", "user name or password")]
    [InlineData("ftp://93.184.215.14/hook", "must use https")]
    [InlineData("/relative", "must use https")]
    [InlineData("not a url", "absolute")]
    public async Task A_receiver_url_that_reaches_inside_the_network_is_refused(string url, string reason)
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        var response = await partner.PostJsonAsync("/api/v1/webhooks/subscriptions", new WebhookSubscriptionsModule.Request(url, "permit", null, null, null), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_public_https_receiver_is_accepted()
    {
        var (partner, _) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        var response = await partner.PostJsonAsync("/api/v1/webhooks/subscriptions",
            new WebhookSubscriptionsModule.Request("https://93.184.215.14/hook", null, Scenario.NewBin(), null, null), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_receiver_address_is_checked_again_when_delivering_so_a_url_that_slipped_in_reaches_nothing()
    {
        // As if the name had resolved to a public address at registration and to loopback later (DNS rebinding).
        var (partner, key) = await ThirdParty.RegisterAsync(app.Officer(), app.CreateClient);
        await using var receiver = await WebhookReceiver.StartAsync();
        var bin = Scenario.NewBin();
        var id = Guid.NewGuid();
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("""
                insert into webhook_subscriptions (id, client_id, url, secret, bin, position)
                values (@id, @ClientId, @Url, @secret, @bin, (select coalesce(max(seq), 0) from read.changes))
                """, new { id, key.ClientId, receiver.Url, bin, secret = WebhookSignature.NewSecret() });

        await app.Officer().IssueAsync(Scenario.Attestation(bin));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        WebhookSubscriptionsModule.Subscription subscription;
        do
        {
            await Task.Delay(50);
            subscription = await (await partner.GetAsync($"/api/v1/webhooks/subscriptions/{id}")).ReadAsync<WebhookSubscriptionsModule.Subscription>();
        } while (subscription.LastError is null && DateTime.UtcNow < deadline);

        Assert.StartsWith("Refused:", subscription.LastError);
        Assert.Contains("127.0.0.1", subscription.LastError);
        Assert.Empty(receiver.Deliveries);
    }
}
