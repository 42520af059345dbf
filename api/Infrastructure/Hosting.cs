using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Registry.Api.Infrastructure;

/// <summary>Kestrel's limits sized for the registry, and the one line an operator needs at start-up.</summary>
public static class Hosting
{
    /// <summary>The largest request body: a bulk verify of 1,000 numbers or an application is a few kilobytes.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static void ConfigureRegistryHost(this WebApplicationBuilder builder) =>
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Long enough that an over-long query (q of 10,000 characters) reaches the API and gets a 400 that says
            // why, instead of Kestrel's bare 414.
            kestrel.Limits.MaxRequestLineSize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
        });

    /// <summary>Authentication registers ASP.NET's data protection, whose hosted service reads (or creates) its XML key
    /// ring at start-up. The registry protects nothing with it (bearer tokens, no cookies, forms without antiforgery), so
    /// the ring is not read ahead: 2 MB less resident. Were something to use it, the ring would load on first use. Call
    /// after every AddAuthentication, which adds the service again.</summary>
    public static void LeaveDataProtectionKeysUnread(this WebApplicationBuilder builder)
    {
        var warmUp = builder.Services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "DataProtectionHostedService");
        if (warmUp is not null) builder.Services.Remove(warmUp);
    }

    /// <summary>Logs once, when Kestrel listens: where the API, its Swagger UI and its metrics are.</summary>
    public static void LogStartupLine(this WebApplication app) => app.Lifetime.ApplicationStarted.Register(() =>
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var api = addresses.FirstOrDefault() ?? "(no address)";
        app.Logger.LogInformation("Registry API listening on {Addresses}; Swagger UI {Api}/swagger; metrics {Metrics}",
            string.Join(", ", addresses), api, Metrics.Describe(app));
    });
}
