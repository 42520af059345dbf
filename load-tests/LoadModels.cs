using System.Diagnostics;

namespace Registry.LoadTests;

/// <summary>NBomber's two load shapes. Requests that start during the warm-up are sent but not recorded.</summary>
public static class LoadModels
{
    /// <summary>Closed model: N virtual users, each sending its next request when the previous one answers.
    /// Its percentiles are service time and understate latency when the server stalls (coordinated omission).</summary>
    public static async Task<ScenarioStats> RunClosedAsync(Scenario scenario, int users, TimeSpan warmup, TimeSpan duration)
    {
        var stats = new ScenarioStats(scenario.Name, LoadModel.Closed);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        var end = measureFrom + Ticks(duration);
        var workers = Enumerable.Range(0, users).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var sent = Stopwatch.GetTimestamp();
                var reply = await Invoke(scenario);
                if (sent >= measureFrom) stats.Record(reply, sent, sent, Stopwatch.GetTimestamp());
            }
        });
        await Task.WhenAll(workers);
        stats.Measured = TimeSpan.FromSeconds((double)(Stopwatch.GetTimestamp() - measureFrom) / Stopwatch.Frequency);
        return stats;
    }

    /// <summary>
    /// Open model: requests arrive on a schedule, whether or not earlier ones have answered — the rate ramps linearly
    /// from <paramref name="rampFrom"/> to <paramref name="rate"/> over the warm-up, then holds. Latency counts from the
    /// intended send time (as wrk2 does), so a stall shows up in every request it delays. In-flight requests are capped;
    /// arrivals over the cap are dropped and counted.
    /// </summary>
    public static async Task<ScenarioStats> RunOpenAsync(Scenario scenario, double rate, double rampFrom, TimeSpan warmup, TimeSpan duration, int maxInFlight = 10_000)
    {
        var stats = new ScenarioStats(scenario.Name, LoadModel.Open);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + Ticks(warmup);
        var end = measureFrom + Ticks(duration);
        var inFlight = new SemaphoreSlim(maxInFlight);
        var running = new List<Task>();
        double next = start;
        while (next < end)
        {
            var now = Stopwatch.GetTimestamp();
            while (next <= now && next < end)
            {
                var intended = (long)next;
                // Sent from the thread pool: building a request takes long enough that a burst sent from this loop
                // would delay its own later arrivals and charge the server for it.
                if (inFlight.Wait(0)) running.Add(Task.Run(() => Send(scenario, stats, intended, measureFrom, inFlight)));
                else if (intended >= measureFrom) Interlocked.Increment(ref stats.Dropped);
                var elapsed = (next - start) / Stopwatch.Frequency;
                var currentRate = elapsed < warmup.TotalSeconds ? rampFrom + (rate - rampFrom) * elapsed / Math.Max(warmup.TotalSeconds, 1e-9) : rate;
                // A rate ramping up from 0 starts at one request a second, or at the rate itself when that is lower.
                next += Stopwatch.Frequency / Math.Max(currentRate, Math.Min(rate, 1));
            }
            if (running.Count > 50_000) running.RemoveAll(t => t.IsCompleted);
            await Task.Delay(1);
        }
        await Task.WhenAll(running);
        stats.Measured = duration;
        return stats;
    }

    static async Task Send(Scenario scenario, ScenarioStats stats, long intended, long measureFrom, SemaphoreSlim inFlight)
    {
        try
        {
            var sent = Stopwatch.GetTimestamp();
            var reply = await Invoke(scenario);
            if (intended >= measureFrom) stats.Record(reply, intended, sent, Stopwatch.GetTimestamp());
        }
        finally
        {
            inFlight.Release();
        }
    }

    static async Task<Reply> Invoke(Scenario scenario)
    {
        try
        {
            return await scenario.Step();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Reply(false, 0, 0, $"exception:{e.GetType().Name}");
        }
    }

    static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
