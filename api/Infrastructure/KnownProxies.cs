using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Registry.Api.Infrastructure;

/// <summary>The load balancers and reverse proxies in front of the API (ForwardedHeaders:KnownProxies, :KnownNetworks).</summary>
public sealed class KnownProxyOptions
{
    /// <summary>Addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>CIDR ranges, e.g. "10.0.0.0/24".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>
/// Behind a proxy every request arrives from the proxy's address. X-Forwarded-For (and X-Forwarded-Proto) are taken
/// only from the configured proxies — anyone else could write them — and read right to left, through a chain of known
/// proxies, up to the first address that is not one: that is the client the rate limit counts. Entries a client put in
/// front of the header itself are never reached. With no proxy configured, nothing is trusted, loopback included.
/// RFC 7239 <c>Forwarded</c> is not read: every mainstream balancer sends X-Forwarded-For.
/// </summary>
public static class KnownProxies
{
    public static void AddKnownProxies(this WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection("ForwardedHeaders").Get<KnownProxyOptions>() ?? new KnownProxyOptions();
        // Parsed here, so that a typo stops the start instead of silently trusting nobody.
        var proxies = configured.KnownProxies.Select(IPAddress.Parse).ToList();
        var networks = configured.KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n)).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
    }

    /// <summary>First in the pipeline; absent when no proxy is configured, so direct deployments pay nothing.</summary>
    public static void UseKnownProxies(this WebApplication app)
    {
        var configured = app.Configuration.GetSection("ForwardedHeaders").Get<KnownProxyOptions>();
        if (configured is { KnownProxies.Count: > 0 } or { KnownNetworks.Count: > 0 }) app.UseForwardedHeaders();
    }
}
