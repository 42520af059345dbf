using System.Diagnostics;

namespace Registry.Api.Tests.Outages;

/// <summary>
/// A PostgreSQL cluster of its own (scripts/pg.sh with REGISTRY_PG_DATA under .local/outage-pg), on an OS-assigned free port, so the tests can stop and freeze a database without touching the suite's shared cluster.
/// </summary>
public sealed class ThrowawayCluster
{
    static readonly string Root = FindRoot();
    readonly string data = Path.Combine(Root, ".local", "outage-pg", "data");
    readonly int port = FreePort();

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={port};Username=postgres;Database={database};Maximum Pool Size=40";

    public Task StartAsync() => PgAsync("start");

    public Task StopAsync() => PgAsync("stop");

    /// <summary>SIGSTOP (or SIGCONT) to the postmaster and every backend: the server accepts TCP connections and
    /// answers nothing, as a hung host or a full disk would.</summary>
    public async Task FreezeAsync(bool frozen)
    {
        var postmaster = (await File.ReadAllLinesAsync(Path.Combine(data, "postmaster.pid")))[0].Trim();
        await RunAsync("bash", "-c", $"kill -{(frozen ? "STOP" : "CONT")} {postmaster} $(pgrep -P {postmaster} | tr '\\n' ' ')");
    }

    Task PgAsync(string command) => RunAsync(Path.Combine(Root, "scripts", "pg.sh"), command);

    async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["REGISTRY_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REGISTRY_PG_DATA"] = data;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {output}");
    }

    static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Registry.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the test binaries.");
    }
}
