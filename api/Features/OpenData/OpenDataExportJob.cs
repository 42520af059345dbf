using Registry.Api.Infrastructure;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Registry.Api.Features.OpenData;

/// <summary>Builds an export when the newest one is older than OpenData:Interval (so also at the first start), and on
/// demand. One at a time: in this process by a semaphore, across instances by an advisory lock.</summary>
public sealed class OpenDataExportJob([FromKeyedServices(Database.LongRunning)] NpgsqlDataSource dataSource, IOptions<OpenDataOptions> options, TimeProvider clock, ILogger<OpenDataExportJob> logger)
    : BackgroundService
{
    const long AdvisoryLock = 20_161_068;
    readonly SemaphoreSlim running = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.Interval - Age();
            if (wait <= TimeSpan.Zero)
            {
                try
                {
                    await RunNowAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Open-data export failed; next attempt in 10 minutes");
                }
                wait = options.Value.Interval - Age();
                if (wait <= TimeSpan.Zero) wait = TimeSpan.FromMinutes(10);
            }
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    TimeSpan Age() =>
        OpenDataExport.List(options.Value.Directory).FirstOrDefault() is { } latest && OpenDataExport.TryParseId(latest, out var startedAt)
            ? clock.GetUtcNow() - startedAt
            : TimeSpan.MaxValue;

    /// <summary>Null when an export is already running here or on another instance.</summary>
    public async Task<ExportManifest?> RunNowAsync(CancellationToken ct)
    {
        if (!await running.WaitAsync(0, ct)) return null;
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select pg_try_advisory_lock(@key)", new { key = AdvisoryLock }, cancellationToken: ct)))
                return null;
            try
            {
                var manifest = await OpenDataExport.RunAsync(dataSource, options.Value, clock, ct);
                logger.LogInformation("Open-data export {Id}: {Documents} documents in {Seconds:F1} s", manifest.Id, manifest.Documents, manifest.Seconds);
                return manifest;
            }
            finally
            {
                await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_unlock(@key)", new { key = AdvisoryLock }, cancellationToken: CancellationToken.None));
            }
        }
        finally
        {
            running.Release();
        }
    }
}

public static class OpenDataRegistration
{
    public static void AddOpenData(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OpenDataOptions>().Bind(builder.Configuration.GetSection("OpenData"))
            .Validate(o => o.Interval > TimeSpan.Zero && o.Keep > 0, "OpenData:Interval and OpenData:Keep must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<OpenDataExportJob>();
        if (builder.Configuration.GetValue("OpenData:Enabled", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<OpenDataExportJob>());
    }
}
