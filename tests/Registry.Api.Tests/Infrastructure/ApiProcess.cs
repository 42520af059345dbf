using System.Diagnostics;
using System.Text;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>The API as a separate process (the build output next to the tests), for what an in-process host cannot
/// show: a kill -9, the files a process maps.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    readonly Process process;
    readonly StringBuilder output = new();

    public string BaseUrl { get; }

    public int Id => process.Id;

    ApiProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>Starts the API on a free loopback port chosen by the OS and waits until it answers; a process that does
    /// not come up is killed, never left behind.</summary>
    public static async Task<ApiProcess> StartAsync(IDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Registry.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var api = new ApiProcess(Process.Start(start)!, $"http://127.0.0.1:{port}");
        api.process.OutputDataReceived += (_, e) => { lock (api.output) api.output.AppendLine(e.Data); };
        api.process.ErrorDataReceived += (_, e) => { lock (api.output) api.output.AppendLine(e.Data); };
        api.process.BeginOutputReadLine();
        api.process.BeginErrorReadLine();

        try
        {
            await api.WaitUntilLiveAsync();
            return api;
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }
    }

    async Task WaitUntilLiveAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The API exited with {process.ExitCode}:\n{Output}");
            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/live")).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { } // not listening yet, or busy starting
            await Task.Delay(100);
        }
        throw new TimeoutException($"The API did not start:\n{Output}");
    }

    static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, the process is simply gone.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) Kill();
        process.Dispose();
        await Task.CompletedTask;
    }
}
