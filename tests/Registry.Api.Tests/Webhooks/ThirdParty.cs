using Registry.Api.Features.Webhooks;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Webhooks;

/// <summary>An officer registers a third party and issues its key; the third party subscribes with it.</summary>
public static class ThirdParty
{
    public static async Task<(HttpClient Client, WebhookClientsModule.IssuedKey Key)> RegisterAsync(HttpClient officer, Func<HttpClient> newClient, string name = "ТОО «Партнёр»")
    {
        var client = await (await officer.PostJsonAsync("/api/v1/admin/webhook-clients", new WebhookClientsModule.Request(name, "it@partner.kz"), Guid.NewGuid().ToString()))
            .ReadAsync<WebhookClientsModule.Client>();
        var key = await (await officer.PostAsync($"/api/v1/admin/webhook-clients/{client.Id}/key", null)).ReadAsync<WebhookClientsModule.IssuedKey>();
        var http = newClient();
        http.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key.ApiKey);
        return (http, key);
    }

    public static async Task<WebhookSubscriptionsModule.Subscription> SubscribeAsync(this HttpClient thirdParty, string url,
        string? kind = null, string? bin = null, string? number = null, long? fromSeq = null, int? maxInFlight = null) =>
        await (await thirdParty.PostJsonAsync("/api/v1/webhooks/subscriptions", new WebhookSubscriptionsModule.Request(url, kind, bin, number, fromSeq, maxInFlight), Guid.NewGuid().ToString()))
            .ReadAsync<WebhookSubscriptionsModule.Subscription>();
}
