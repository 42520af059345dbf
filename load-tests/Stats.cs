using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Registry.LoadTests;

/// <summary>What one request came back with. Status 0 with an error name means no HTTP answer at all.</summary>
public readonly record struct Reply(bool Ok, int StatusCode, long Bytes, string? Error = null);

/// <summary>
/// Results of one scenario run. Latency is recorded in microseconds. In the open model <see cref="Latency"/> runs
/// from the moment the schedule intended the request to be sent (coordinated omission corrected) and
/// <see cref="ServiceTime"/> from the actual send; in the closed model both are service time.
/// </summary>
public sealed class ScenarioStats(string name, LoadModel model)
{
    const long MaxMicros = 60_000_000;

    public string Name { get; } = name;
    public LoadModel Model { get; } = model;
    public LongConcurrentHistogram Latency { get; } = new(1, MaxMicros, 3);
    public LongConcurrentHistogram ServiceTime { get; } = new(1, MaxMicros, 3);
    public ConcurrentDictionary<string, long> Outcomes { get; } = new();
    public TimeSpan Measured { get; set; }
    public long Dropped;
    long ok;
    long failed;

    public long Ok => Interlocked.Read(ref ok);
    public long Failed => Interlocked.Read(ref failed);
    public long Requests => Ok + Failed;
    public double Rps => Requests / Math.Max(Measured.TotalSeconds, 1e-9);
    public double? BaselineRatio { get; set; }

    public void Record(Reply reply, long intendedTimestamp, long sentTimestamp, long doneTimestamp)
    {
        Latency.RecordValue(Math.Clamp(Micros(doneTimestamp - intendedTimestamp), 1, MaxMicros));
        ServiceTime.RecordValue(Math.Clamp(Micros(doneTimestamp - sentTimestamp), 1, MaxMicros));
        if (reply.Ok) Interlocked.Increment(ref ok); else Interlocked.Increment(ref failed);
        Outcomes.AddOrUpdate(reply.Error ?? reply.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
    }

    public double Ms(double percentile) => Latency.GetValueAtPercentile(percentile) / 1000.0;

    public double MaxMs => Latency.GetMaxValue() / 1000.0;

    public bool HadServerErrors => Outcomes.Keys.Any(k => k.StartsWith('5') || k.StartsWith("exception", StringComparison.Ordinal));

    static long Micros(long stopwatchTicks) => stopwatchTicks * 1_000_000 / Stopwatch.Frequency;
}
