namespace Registry.LoadTests;

/// <summary>A load balancer in the harness: each request goes to the next instance in turn (<c>--base-url a,b</c>), as
/// a round-robin balancer would send it, without a proxy process taking a share of the two cores.</summary>
public sealed class RoundRobin(IReadOnlyList<Uri> instances, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    long next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var instance = instances[(int)((ulong)Interlocked.Increment(ref next) % (ulong)instances.Count)];
        request.RequestUri = new Uri(instance, request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
