using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.WriteModel;

namespace Registry.Api.Features.Admin;

public sealed class DeadlineSweepOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Runs the sweep periodically (DeadlineSweep:Interval); the admin endpoint runs it on demand.</summary>
public sealed class DeadlineSweeper([FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, IOptions<DocumentTermOptions> terms, IOptions<DeadlineSweepOptions> options,
    TimeProvider clock, ILogger<DeadlineSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                var result = await DeadlineSweep.RunAsync(dataSource, terms.Value, DateOnly.FromDateTime(clock.GetLocalNow().Date), stoppingToken);
                if (result.DeemedIssued + result.Expired > 0)
                    logger.LogInformation("Deadline sweep: {Deemed} deemed issued, {Expired} expired", result.DeemedIssued, result.Expired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline sweep failed; next attempt in {Interval}", options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public static class DeadlineSweeperRegistration
{
    /// <summary>Deadlines and terms: the sweeper (DeadlineSweep:Enabled, :Interval) and document terms (Documents:TermMonths).</summary>
    public static void AddDeadlineSweeper(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.Configure<DocumentTermOptions>(builder.Configuration.GetSection("Documents"));
        builder.Services.Configure<DeadlineSweepOptions>(builder.Configuration.GetSection("DeadlineSweep"));
        builder.Services.AddHostedService<DeadlineSweeper>();
    }
}
