using System.Net;
using Microsoft.Extensions.Options;

namespace Registry.Api.Features.Webhooks;

public sealed class WebhookOptions
{
    /// <summary>Run the dispatcher in this process. Several instances may: a lease on each subscription keeps its
    /// deliveries on one instance at a time, in order.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Allow receivers on loopback addresses (and plain http to them). Default: only in Development.</summary>
    public bool? AllowLoopback { get; set; }

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an instance owns a subscription it is delivering; after a crash another takes over when it ends.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A subscription failing for this long is disabled; its owner sees why and replays when fixed.</summary>
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often a busy worker saves its subscription's position (and renews its lease). A crash redelivers
    /// what was posted since, with the same ids.</summary>
    public TimeSpan SaveInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>After a notice of new changes, how long to let more arrive before reading them as one page.</summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    public int MaxConcurrentDeliveries { get; set; } = 32;
    public int BatchSize { get; set; } = 100;
}

public static class WebhookRegistration
{
    public const string HttpClientName = "webhooks";

    public static void AddWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection("Webhooks"))
            .Validate(o => o.Timeout < o.Lease / 2, "Webhooks:Timeout must be under half of Webhooks:Lease.")
            .Validate(o => o.MaxConcurrentDeliveries > 0 && o.BatchSize > 0, "Webhooks:MaxConcurrentDeliveries and :BatchSize must be positive.")
            .Validate(o => o.SaveInterval < o.Lease / 2 && o.CoalesceWindow < o.PollInterval,
                "Webhooks:SaveInterval must be under half of Webhooks:Lease and Webhooks:CoalesceWindow under Webhooks:PollInterval.")
            .ValidateOnStart();
        var allowLoopback = builder.Configuration.GetValue<bool?>("Webhooks:AllowLoopback") ?? builder.Environment.IsDevelopment();
        var policy = new WebhookAddressPolicy(allowLoopback);
        builder.Services.AddSingleton(policy);
        builder.Services.AddHttpClient(HttpClientName, (sp, http) =>
            {
                http.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout;
                http.DefaultRequestHeaders.UserAgent.ParseAdd("Registry-Webhooks/1");
            })
            .RemoveAllLoggers() // four Information lines per delivery at thousands a second; failures go to webhook_attempts
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectCallback = policy.ConnectAsync,
                AllowAutoRedirect = false, // a redirect could point inside the network
                UseProxy = false,          // a proxy would connect for us, past the address check
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectTimeout = TimeSpan.FromSeconds(5),
            });
        builder.AddApiKeyAuthentication();
        builder.Services.AddSingleton<WebhookDispatcher>();
        if (builder.Configuration.GetValue("Webhooks:Enabled", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
    }
}
