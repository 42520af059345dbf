using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Projections.Outbox;

namespace Registry.Projections.Diagnostics;

/// <summary>Samples projector lag every few seconds for the metrics, so a scrape never waits on the database.</summary>
public sealed class ProjectionLagSampler(ProjectionStatus status, RegistryMetrics metrics, ILogger<ProjectionLagSampler> logger) : BackgroundService
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(Interval);
                metrics.Sampled(await status.LagAsync(timeout.Token));
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Projection lag not sampled");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
