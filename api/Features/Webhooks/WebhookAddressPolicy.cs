using System.Net;
using System.Net.Sockets;

namespace Registry.Api.Features.Webhooks;

/// <summary>
/// Keeps webhooks from reaching inside the network (SSRF): a receiver must be on a public address. Checked when a
/// subscription is registered and again at every connection, on the very address connected to, so a DNS answer that
/// changes later (rebinding) cannot redirect a delivery. Loopback is allowed only when configured (development, tests).
/// </summary>
public sealed class WebhookAddressPolicy(bool allowLoopback)
{
    public const int MaxUrlLength = 2000;

    public bool AllowLoopback => allowLoopback;

    /// <summary>Null when the URL may be registered; otherwise why not.</summary>
    public async Task<string?> RefuseUrlAsync(string? url, CancellationToken ct)
    {
        if (url is null || url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return $"Give an absolute https URL of at most {MaxUrlLength} characters.";
        if (uri.UserInfo.Length > 0) return "The URL must not carry a user name or password.";
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && allowLoopback && uri.IsLoopback))
            return "The URL must use https (plain http only to a loopback receiver in development).";
        try
        {
            var addresses = await ResolveAsync(uri.IdnHost, ct);
            return addresses.FirstOrDefault(a => !IsAllowed(a)) is { } refused
                ? $"{uri.Host} resolves to {refused}, which is not a public address."
                : null;
        }
        catch (SocketException)
        {
            return $"{uri.Host} cannot be resolved.";
        }
    }

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return allowLoopback;
        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return !(b[0] is 0 or 10 or >= 224                      // "this" network, private, multicast and reserved
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)          // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                       // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)            // IETF protocol assignments
                || (b[0] == 198 && b[1] is 18 or 19));                // benchmarking
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (b[0] & 0xFE) == 0xFC                                  // unique local fc00::/7
            || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)); // NAT64 64:ff9b::/96 reaches IPv4 inside
    }

    /// <summary>For SocketsHttpHandler.ConnectCallback: resolves, refuses unless every address is allowed, connects to those.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, ct);
        var refused = addresses.FirstOrDefault(a => !IsAllowed(a));
        if (addresses.Length == 0 || refused is not null)
            throw new WebhookRefusedException($"{context.DnsEndPoint.Host} resolves to {refused?.ToString() ?? "nothing"}, which is not a public address.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
}

public sealed class WebhookRefusedException(string message) : Exception(message);
