using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Lifecycle;

/// <summary>What runs in the background of every instance, beyond the features' own services (README "Memory").</summary>
public sealed class HostedServicesTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    IEnumerable<IHostedService> HostedServices => app.Services.GetServices<IHostedService>();

    [Fact]
    public void The_data_protection_key_ring_is_not_read_at_start_up()
    {
        Assert.DoesNotContain(HostedServices, s => s.GetType().Name == "DataProtectionHostedService");
    }

    [Fact]
    public void On_linux_the_c_library_heap_is_trimmed()
    {
        Assert.Equal(OperatingSystem.IsLinux(), HostedServices.Any(s => s is NativeHeap.NativeHeapTrimmer));
    }
}
