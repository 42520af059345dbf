using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Registry.Web.Tests.Infrastructure;

/// <summary>
/// Every request of the browser tests, seen from both ends: when Chromium sent it and when Kestrel received and answered
/// it. A browser wait that times out is then explained by what was still open — a request the server never saw, one it
/// never answered, or no request at all. The requests that took over <see cref="Slow"/> or never finished, and the main
/// frame's navigations, are written to $REGISTRY_BROWSER_TRACE when the fixture ends; make test prints what of that file
/// concerns the failed tests when one failed.
/// </summary>
public sealed class RequestTrace : IStartupFilter
{
    public const string Variable = "REGISTRY_BROWSER_TRACE";
    static readonly TimeSpan Slow = TimeSpan.FromSeconds(5);
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly ConcurrentDictionary<object, (TimeSpan Start, string What)> open = new();
    readonly ConcurrentQueue<string> lines = new(); // the slow requests and the main frame's navigations

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext http, RequestDelegate inner) =>
        {
            var key = new object();
            Begin(key, $"server {http.Request.Method} {http.Request.Path}{http.Request.QueryString}");
            try { await inner(http); }
            finally { End(key, $"answered {http.Response.StatusCode}"); }
        });
        next(app);
    };

    /// <summary>Follows one page's requests; the test's name says which test the page belonged to.</summary>
    public void Follow(IPage page, string test)
    {
        page.Request += (_, request) =>
        {
            Begin(request, $"browser {request.Method} {request.Url} ({test})");
            if (request.IsNavigationRequest && request.Frame == page.MainFrame)
                lines.Enqueue($"{clock.Elapsed.TotalSeconds,7:F1}s navigation requested: {request.Method} {request.Url} ({test})");
        };
        page.RequestFinished += (_, request) => End(request, "finished");
        page.RequestFailed += (_, request) => End(request, $"failed: {request.Failure}");
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame) lines.Enqueue($"{clock.Elapsed.TotalSeconds,7:F1}s navigated to {frame.Url} ({test})");
        };
        // Chromium reports no end for some requests of a page that goes away (an icon, a navigation's leftovers).
        page.Close += (_, _) =>
        {
            foreach (var request in open.Keys.OfType<IRequest>().Where(r => r.Frame.Page == page).ToList())
                End(request, "still open when its page closed");
        };
    }

    void Begin(object key, string what) => open[key] = (clock.Elapsed, what);

    void End(object key, string outcome)
    {
        if (!open.TryRemove(key, out var request)) return;
        var took = clock.Elapsed - request.Start;
        if (took >= Slow) lines.Enqueue($"{request.Start.TotalSeconds,7:F1}s {request.What}: {outcome} after {took.TotalSeconds:F1} s");
    }

    /// <summary>Writes the slow and the unfinished requests, and the main frame's navigations: a wait for a navigation that
    /// timed out with no request slow or open is told apart by whether the navigation was requested at all.</summary>
    public void Write()
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path) return;
        var written = lines.ToList();
        written.AddRange(open.Values.Select(r => $"{r.Start.TotalSeconds,7:F1}s {r.What}: still open at {clock.Elapsed.TotalSeconds:F1}s"));
        File.WriteAllLines(path, written.Order(StringComparer.Ordinal));
    }
}
