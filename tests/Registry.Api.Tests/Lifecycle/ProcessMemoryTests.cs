using System.Runtime.InteropServices;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Lifecycle;

/// <summary>Two measures that keep the API's memory outside the GC heap down (README "Memory").</summary>
[Collection(Isolated.Name)]
public sealed class ProcessMemoryTests : IAsyncLifetime
{
    string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestDatabase.CreateAsync();

    public Task DisposeAsync() => TestDatabase.DropAsync(connectionString);

    [Fact]
    public async Task Serving_without_elasticsearch_never_maps_its_client()
    {
        if (!OperatingSystem.IsLinux()) return;
        await using var api = await ApiProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings:Registry"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        using var http = new HttpClient { BaseAddress = new Uri(api.BaseUrl) };
        foreach (var path in new[] { "/api/v1/registry/search?q=ТОО", "/api/v1/verify/ATT-2024-000001", "/ru/search?q=Лифт", "/kk" })
            Assert.True((int)(await http.GetAsync(path)).StatusCode < 500, path);

        var maps = await File.ReadAllTextAsync($"/proc/{api.Id}/maps");

        Assert.Contains("Registry.Projections.dll", maps);
        Assert.DoesNotContain("Elastic.Clients.Elasticsearch.dll", maps);
    }

    [Fact]
    public void Trimming_gives_freed_native_memory_back_to_the_system()
    {
        if (!OperatingSystem.IsLinux()) return;
        // 128 MB in blocks below glibc's mmap threshold, so they come from its arenas; the last one stays allocated, so
        // the freed ones are not at an arena's top, which glibc would give back on its own.
        const int blocks = 4096, blockBytes = 32 * 1024, page = 4096;
        var allocated = new nint[blocks];
        for (var i = 0; i < blocks; i++)
        {
            allocated[i] = Marshal.AllocHGlobal(blockBytes);
            for (var offset = 0; offset < blockBytes; offset += page) Marshal.WriteByte(allocated[i], offset, 1);
        }
        for (var i = 0; i < blocks - 1; i++) Marshal.FreeHGlobal(allocated[i]);

        var before = ResidentAnonymousMegabytes();
        Assert.True(NativeHeap.TryTrim());
        var after = ResidentAnonymousMegabytes();
        Marshal.FreeHGlobal(allocated[^1]);

        Assert.True(before - after >= 64, $"resident anonymous memory {before} MB before trimming, {after} MB after");
    }

    static long ResidentAnonymousMegabytes() =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith("RssAnon:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
}
