using System.Globalization;
using System.Net;
using Registry.LoadTests;

// NBomber's essentials on HttpClient + HdrHistogram: run each scenario of the plan under the chosen load model, the
// baseline first so every result is also a ratio to it, then write the reports. Exit code 1 if a threshold fails.
var options = Options.Parse(args);
ThreadPool.SetMinThreads(Math.Max(options.VirtualUsers * 2, 64), Math.Max(options.VirtualUsers * 2, 64));
var sockets = new SocketsHttpHandler
{
    // Decisions beside a closed scenario (--writes-per-second) must not wait for its users' connections.
    MaxConnectionsPerServer = options.Model == LoadModel.Closed ? options.VirtualUsers + (options.WritesPerSecond > 0 ? 64 : 0) : 512,
    PooledConnectionLifetime = TimeSpan.FromMinutes(30),
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
};
using var http = new HttpClient(options.BaseUrls.Count > 1 ? new RoundRobin(options.BaseUrls, sockets) : sockets)
{ BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

var token = options.TokenFile is { } file ? File.ReadAllText(file).Trim() : null;
var samples = await Samples.LoadAsync(options.Connection);
// search-classes: one scenario per query class, one user at a time (the issue's per-class latency table).
var plan = options.Scenarios.OrderBy(s => s == "baseline" ? 0 : 1)
    .SelectMany(s => s == "search-classes" ? Scenarios.Classes.Select(c => $"search-class:{c}") : [s]).ToList();
var results = new List<ScenarioStats>();
// The machine may be shared: its load average before and after the run goes into the report next to the figures.
static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
var loadBefore = LoadAverage();
var lagLine = "";
foreach (var name in plan)
{
    var submitted = options.Model == LoadModel.Open ? (int)(options.Rate * (options.Warmup + options.Duration).TotalSeconds * 1.05) : 0;
    var scenario = name switch
    {
        "lag" or "lag-services" => await Scenarios.LagAsync(http, token ?? throw new InvalidOperationException($"The {name} scenario needs --token-file."), samples, submitted,
            options.Connection, name == "lag" ? ["attestation"] : Scenarios.ServiceCodes),
        "webhooks" => await WebhookFanOut.CreateAsync(http, token ?? throw new InvalidOperationException("The webhooks scenario needs --token-file."), samples, submitted, options.Connection, options.Receivers, options.InFlight),
        "webhooks-feed" => await WebhookFanOut.CreateAsync(http, token ?? throw new InvalidOperationException("The webhooks-feed scenario needs --token-file."), samples, 0, options.Connection, options.Receivers, options.InFlight,
            options.Connection + ";Maximum Pool Size=64"),
        _ => Scenarios.Create(name, http, samples, token),
    };
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {options.Model} {(options.Model == LoadModel.Closed ? $"{options.VirtualUsers} users" : $"{options.Rate}/s (ramp from {options.RampFrom}/s)")}, warm-up {options.Warmup.TotalSeconds} s, {options.Duration.TotalSeconds} s"));
    var oneAtATime = name.StartsWith("search-class:", StringComparison.Ordinal);
    var (warmup, duration) = oneAtATime ? (TimeSpan.FromSeconds(Math.Min(1, options.Warmup.TotalSeconds)), options.ClassDuration) : (options.Warmup, options.Duration);
    // --writes-per-second: officers' decisions arrive beside the scenario, warm-up included, as they do beside real
    // traffic; each one changes the read model and drops the cached search pages it could change.
    var writes = options.WritesPerSecond > 0 && name is not ("baseline" or "write" or "lag" or "lag-services" or "webhooks" or "webhooks-feed")
        ? LoadModels.RunOpenAsync(Scenarios.Create("write", http, samples, token) with { Name = $"write beside {name}" },
            options.WritesPerSecond, options.WritesPerSecond, warmup, duration)
        : null;
    var stats = oneAtATime
        ? await LoadModels.RunClosedAsync(scenario, 1, warmup, duration)
        : options.Model == LoadModel.Closed
        ? await LoadModels.RunClosedAsync(scenario, options.VirtualUsers, warmup, duration)
        : await LoadModels.RunOpenAsync(scenario, options.Rate, options.RampFrom, warmup, duration);
    if (scenario.Finish is { } finish) await finish();
    if (scenario.Lag is { } lag) lagLine += Report.LagLine(scenario.LagLabel, lag) + " ";
    results.Add(stats);
    if (writes is not null) results.Add(await writes);
}
if (results.FirstOrDefault(r => r.Name == "baseline") is { Rps: > 0 } baseline)
    foreach (var r in results) r.BaselineRatio = r.Rps / baseline.Rps;

var header = string.Create(CultureInfo.InvariantCulture,
    $"{DateTime.Now:yyyy-MM-dd HH:mm}, {Environment.ProcessorCount} cores, load average {loadBefore} before / {LoadAverage()} after, {string.Join(" + ", options.BaseUrls)}, {samples.Numbers.Length} sample numbers. {lagLine}");
Report.Write(results, options, header);

var failures = new List<string>();
foreach (var r in results)
{
    if (options.MaxP99Ms.TryGetValue(r.Name, out var max) && r.Ms(99) > max) failures.Add($"{r.Name}: p99 {r.Ms(99):F2} ms > {max} ms");
    if (options.Smoke && r.Ok == 0) failures.Add($"{r.Name}: no successful request");
    if (options.Smoke && r.HadServerErrors) failures.Add($"{r.Name}: server errors {string.Join(' ', r.Outcomes.Keys)}");
}
foreach (var f in failures) Console.Error.WriteLine($"THRESHOLD FAILED {f}");
return failures.Count == 0 ? 0 : 1;
