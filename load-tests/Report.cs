using System.Globalization;
using System.Net;
using System.Text;
using HdrHistogram;

namespace Registry.LoadTests;

/// <summary>Console summary, report.md, a self-contained report.html with an SVG percentile chart, and one .hgrm per scenario.</summary>
public static class Report
{
    static readonly double[] Percentiles = [50, 90, 99, 99.9];
    static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"];
    static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Write(IReadOnlyList<ScenarioStats> results, Options options, string header)
    {
        var dir = Path.Combine(options.OutputDirectory, DateTime.Now.ToString("yyyyMMdd-HHmmss", Inv));
        Directory.CreateDirectory(dir);
        var table = Table(results);
        Console.WriteLine();
        Console.WriteLine(header);
        Console.WriteLine(table);
        File.WriteAllText(Path.Combine(dir, "report.md"), $"# Registry load test\n\n{header}\n\n{table}\n{Notes(results)}");
        File.WriteAllText(Path.Combine(dir, "report.html"), Html(results, header, table));
        foreach (var r in results)
        {
            using var writer = new StreamWriter(Path.Combine(dir, $"{r.Name}.hgrm"));
            r.Latency.OutputPercentileDistribution(writer, outputValueUnitScalingRatio: 1000.0);
        }
        Console.WriteLine($"Reports: {dir}");
        return dir;
    }

    static string Table(IReadOnlyList<ScenarioStats> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| scenario | model | requests | ok | failed | rps | × baseline | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | outcomes |");
        sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var outcomes = string.Join(" ", r.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}:{o.Value}"));
            if (r.Dropped > 0) outcomes += $" dropped:{r.Dropped}";
            sb.AppendLine(Inv, $"| {r.Name} | {r.Model.ToString().ToLowerInvariant()} | {r.Requests} | {r.Ok} | {r.Failed} | {r.Rps:F0} | {(r.BaselineRatio is { } b ? b.ToString("F2", Inv) : "–")} | " +
                $"{r.Ms(50):F2} | {r.Ms(90):F2} | {r.Ms(99):F2} | {r.Ms(99.9):F2} | {r.MaxMs:F2} | {outcomes} |");
        }
        return sb.ToString();
    }

    static string Notes(IReadOnlyList<ScenarioStats> results)
    {
        var sb = new StringBuilder();
        foreach (var r in results.Where(r => r.Model == LoadModel.Open))
            sb.AppendLine(Inv, $"- {r.Name}: latency from the intended send time; service time p50 {r.ServiceTime.GetValueAtPercentile(50) / 1000.0:F2} ms, p99 {r.ServiceTime.GetValueAtPercentile(99) / 1000.0:F2} ms.");
        if (results.Any(r => r.Model == LoadModel.Closed))
            sb.AppendLine("- Closed-model percentiles are service time (coordinated-omission biased); use the open model for latency targets.");
        return sb.ToString();
    }

    public static string LagLine(string label, HistogramBase lag) => lag.TotalCount == 0
        ? $"{label}: n=0, no decision became visible (see the scenario's failed requests)"
        : string.Create(Inv, $"{label}: n={lag.TotalCount} p50 {lag.GetValueAtPercentile(50) / 1000.0:F1} ms, p99 {lag.GetValueAtPercentile(99) / 1000.0:F1} ms, max {lag.GetMaxValue() / 1000.0:F1} ms");

    /// <summary>Latency by percentile on the usual HdrHistogram axis (x = 1/(1-p), log scale), one line per scenario.</summary>
    static string Html(IReadOnlyList<ScenarioStats> results, string header, string table)
    {
        const int w = 760, h = 360, left = 60, bottom = 40;
        double[] ps = [0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99];
        var maxMs = Math.Max(1, results.Max(r => r.Ms(99.99)));
        double X(double p) => left + (w - left - 20) * Math.Log10(1 / (1 - Math.Min(p, 99.99) / 100)) / 4;
        double Y(double ms) => h - bottom - (h - bottom - 20) * ms / maxMs;
        var svg = new StringBuilder($"<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' font-family='sans-serif' font-size='11'>");
        svg.Append(Inv, $"<line x1='{left}' y1='{h - bottom}' x2='{w - 20}' y2='{h - bottom}' stroke='#333'/><line x1='{left}' y1='20' x2='{left}' y2='{h - bottom}' stroke='#333'/>");
        foreach (var p in new[] { 0.0, 90, 99, 99.9, 99.99 })
            svg.Append(Inv, $"<text x='{X(p):F0}' y='{h - bottom + 15}' text-anchor='middle'>p{p}</text>");
        for (var i = 0; i <= 4; i++)
            svg.Append(Inv, $"<text x='{left - 5}' y='{Y(maxMs * i / 4) + 4:F0}' text-anchor='end'>{maxMs * i / 4:F1}</text>");
        svg.Append(Inv, $"<text x='{left}' y='12'>latency, ms</text>");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var points = string.Join(' ', ps.Select(p => string.Create(Inv, $"{X(p):F1},{Y(r.Latency.GetValueAtPercentile(p) / 1000.0):F1}")));
            svg.Append(Inv, $"<polyline fill='none' stroke='{Colours[i % Colours.Length]}' stroke-width='2' points='{points}'/>");
            svg.Append(Inv, $"<text x='{w - 150}' y='{30 + 14 * i}' fill='{Colours[i % Colours.Length]}'>{WebUtility.HtmlEncode(r.Name)}</text>");
        }
        svg.Append("</svg>");
        return $$"""
            <!doctype html><html><head><meta charset="utf-8"><title>Registry load test</title>
            <style>body{font-family:sans-serif;margin:2em} pre{background:#f6f6f6;padding:1em}</style></head>
            <body><h1>Registry load test</h1><p>{{WebUtility.HtmlEncode(header)}}</p>{{svg}}<pre>{{WebUtility.HtmlEncode(table)}}</pre>
            <pre>{{WebUtility.HtmlEncode(Notes(results))}}</pre></body></html>
            """;
    }
}
