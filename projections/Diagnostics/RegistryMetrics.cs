using System.Diagnostics.Metrics;
using Registry.Projections.Caching;
using Registry.Projections.Outbox;

namespace Registry.Projections.Diagnostics;

/// <summary>
/// The registry's own measurements, next to what ASP.NET Core, the rate limiter and Npgsql already measure: how often
/// the read-model cache answers, and how far each projector is behind the outbox (the last sample of
/// <see cref="ProjectionLagSampler"/>). One meter per service provider, so test hosts in one process do not mix.
/// </summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "Registry";

    readonly Counter<long> cacheLookups;
    volatile IReadOnlyList<ProjectorLag> lag = [];

    public RegistryMetrics(IMeterFactory meters, ReadModelCache cache)
    {
        var meter = meters.Create(MeterName);
        cacheLookups = meter.CreateCounter<long>("registry.read_cache.lookups", "{lookup}",
            "Read-model cache lookups: lookup = document (verify) or search (a page), result = hit or miss.");
        meter.CreateObservableGauge("registry.read_cache.size", () => new Measurement<long>[]
            {
                new(cache.DocumentBytes, new KeyValuePair<string, object?>("lookup", "document")),
                new(cache.SearchPageBytes, new KeyValuePair<string, object?>("lookup", "search")),
            }, "By", "Memory the read-model cache takes: lookup = document (against ReadCache:MaxDocumentMegabytes) or search (a page, against ReadCache:MaxSearchPageMegabytes).");
        meter.CreateObservableGauge("registry.outbox.pending", () => Lag.Select(l => new Measurement<long>(l.Pending, Projector(l))), "{event}",
            "Outbox events a projector has not applied yet (the outbox depth it sees).");
        meter.CreateObservableGauge("registry.projection.lag", () => Lag.Select(l => new Measurement<double>(l.OldestPendingSeconds, Projector(l))), "s",
            "Age of the oldest outbox event a projector has not applied yet; 0 when it is caught up.");
    }

    public IReadOnlyList<ProjectorLag> Lag => lag;

    public void Sampled(IReadOnlyList<ProjectorLag> sample) => lag = sample;

    public void CacheLookup(string lookup, bool hit) =>
        cacheLookups.Add(1, new KeyValuePair<string, object?>("lookup", lookup), new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    static KeyValuePair<string, object?> Projector(ProjectorLag l) => new("projector", l.Projector);
}
