using System.Net;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.ReadSide;

/// <summary>The operators' metrics: for the admin and monitor roles only, and with the runtime's memory beside the read
/// cache's, so a budget's bytes can be told from what the GC keeps committed around them.</summary>
public sealed class MetricsTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task Metrics_are_for_operators_and_carry_the_cache_and_the_gc_heap()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Officer().GetAsync("/metrics")).StatusCode);

        GC.Collect();
        var metrics = await app.Admin().GetStringAsync("/metrics");

        Assert.Contains("registry_read_cache_size_bytes{", metrics);
        Assert.Contains("dotnet_gc_last_collection_memory_committed_size_bytes", metrics);
        Assert.Contains("dotnet_process_memory_working_set_bytes", metrics);
    }
}
