using System.Globalization;

namespace Registry.LoadTests;

public enum LoadModel
{
    Closed,
    Open,
}

/// <summary>Command-line options: <c>--name value</c> pairs and the <c>--smoke</c> flag.</summary>
public sealed record Options(
    IReadOnlyList<Uri> BaseUrls,
    string? TokenFile,
    string Connection,
    IReadOnlyList<string> Scenarios,
    LoadModel Model,
    int VirtualUsers,
    double Rate,
    double RampFrom,
    TimeSpan Duration,
    TimeSpan Warmup,
    string OutputDirectory,
    bool Smoke,
    IReadOnlyDictionary<string, double> MaxP99Ms,
    TimeSpan ClassDuration,
    int Receivers,
    int InFlight,
    double WritesPerSecond)
{
    /// <summary>The first instance; requests go round robin over all of them (<c>--base-url a,b</c>).</summary>
    public Uri BaseUrl => BaseUrls[0];

    public static readonly string[] DefaultPlan = ["baseline", "verify", "proof", "search", "search-zipf", "mixed", "write", "page-document", "page-search"];

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var smoke = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--smoke") { smoke = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Expected '--name value', got '{args[i]}'. See Load testing in README.md.");
            values[args[i][2..]] = args[++i];
        }
        string Get(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        var thresholds = Get("max-p99-ms", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=')).ToDictionary(t => t[0], t => double.Parse(t[1], CultureInfo.InvariantCulture));
        return new Options(
            [.. Get("base-url", "http://127.0.0.1:5080").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(url => new Uri(url))],
            values.GetValueOrDefault("token-file"),
            Get("connection", "Host=127.0.0.1;Port=55432;Username=postgres;Database=registry"),
            Get("scenarios", string.Join(',', DefaultPlan)).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Enum.Parse<LoadModel>(Get("model", "closed"), ignoreCase: true),
            int.Parse(Get("vus", smoke ? "4" : "32"), CultureInfo.InvariantCulture),
            double.Parse(Get("rate", "1000"), CultureInfo.InvariantCulture),
            double.Parse(Get("ramp-from", "0"), CultureInfo.InvariantCulture),
            ParseDuration(Get("duration", smoke ? "2s" : "60s")),
            ParseDuration(Get("warmup", smoke ? "1s" : "5s")),
            Get("out", "load-tests/reports"),
            smoke,
            thresholds,
            ParseDuration(Get("class-duration", smoke ? "1s" : "10s")),
            int.Parse(Get("receivers", "10"), CultureInfo.InvariantCulture),
            int.Parse(Get("in-flight", "1"), CultureInfo.InvariantCulture),
            double.Parse(Get("writes-per-second", "0"), CultureInfo.InvariantCulture));
    }

    /// <summary>"60s", "2m", "500ms" or plain seconds.</summary>
    public static TimeSpan ParseDuration(string text) => text switch
    {
        _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture)),
        _ when text.EndsWith('s') => TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ when text.EndsWith('m') => TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture)),
        _ => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture)),
    };
}
