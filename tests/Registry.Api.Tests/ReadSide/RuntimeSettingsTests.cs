using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.ReadSide;

/// <summary>The runtime settings the API ships with were each measured through the load-test plan (README "Memory" and
/// "Figures"); this keeps one from being dropped without a measurement saying so.</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void The_api_ships_with_the_measured_runtime_settings()
    {
        var properties = ApiRuntimeProperties();

        Assert.False(properties["System.GC.Server"]!.GetValue<bool>());
        Assert.Equal(0, properties["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"]!.GetValue<int>());
        Assert.Equal(1000, properties["System.Runtime.TieredCompilation.CallCountThreshold"]!.GetValue<int>());
    }

    [Fact]
    public void On_linux_the_api_runs_the_segments_gc_that_ships_with_its_runtime()
    {
        var gc = ApiRuntimeProperties()["System.GC.Name"]?.GetValue<string>();

        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(gc);
            return;
        }
        Assert.Equal("libclrgc.so", gc);
        // The runtime refuses to start when the named GC is missing, so a runtime without it must fail here first.
        Assert.True(File.Exists(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), gc!)), RuntimeEnvironment.GetRuntimeDirectory());
    }

    static JsonNode ApiRuntimeProperties() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Registry.Api.runtimeconfig.json")))!["runtimeOptions"]!["configProperties"]!;
}
