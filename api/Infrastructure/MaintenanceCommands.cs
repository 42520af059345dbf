using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Features.OpenData;
using Registry.Api.DemoData;
using Registry.Api.WriteModel;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Outbox;

namespace Registry.Api.Infrastructure;

/// <summary>One-shot commands run by the same binary after migrations, instead of serving:
/// <c>--MigrateOnly=true</c> (make migrate), <c>--SeedLarge=N</c> (make seed-large), <c>--Reindex=true</c> (make reindex) and
/// <c>--Export=true</c> (make export) and <c>--ReplayDeadLetters=true</c> (make es-replay-dead-letters).</summary>
public static class MaintenanceCommands
{
    public static async Task<bool> RunMaintenanceCommandAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("MigrateOnly", false)) return true;
        if (app.Configuration.GetValue<int?>("SeedLarge") is { } count)
        {
            await LargeDataSet.LoadAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), count,
                app.Services.GetRequiredService<IOptions<DocumentTermOptions>>().Value, DateOnly.FromDateTime(app.Services.GetRequiredService<TimeProvider>().GetLocalNow().Date),
                Console.Out, app.Lifetime.ApplicationStopping);
            return true;
        }
        if (app.Configuration.GetValue("Reindex", false))
        {
            await ReindexAsync(app);
            return true;
        }
        if (app.Configuration.GetValue("Export", false))
        {
            var manifest = await OpenDataExport.RunAsync(app.Services.GetRequiredKeyedService<NpgsqlDataSource>(Database.LongRunning),
                app.Services.GetRequiredService<IOptions<OpenDataOptions>>().Value, TimeProvider.System, app.Lifetime.ApplicationStopping);
            Console.WriteLine($"Export {manifest.Id}: {manifest.Documents:N0} documents in {manifest.Seconds:F1} s, in {app.Services.GetRequiredService<IOptions<OpenDataOptions>>().Value.Directory}/{manifest.Id}");
            foreach (var file in manifest.Files) Console.WriteLine($"  {file.Sha256}  {file.Name} ({file.Bytes:N0} bytes)");
            return true;
        }
        if (app.Configuration.GetValue("ReplayDeadLetters", false))
        {
            await ReplayDeadLettersAsync(app);
            return true;
        }
        return false;
    }

    // The two Elasticsearch commands are methods of their own so that serving without Elasticsearch never loads its
    // client (see ElasticsearchRegistration.AddIndexing).
    static async Task ReindexAsync(WebApplication app)
    {
        var rebuild = app.Services.GetService<ElasticsearchRebuild>()
            ?? throw new InvalidOperationException("make reindex needs Elasticsearch:Url (or ELASTICSEARCH_URL).");
        await rebuild.RunAsync(Console.Out, app.Lifetime.ApplicationStopping);
    }

    static async Task ReplayDeadLettersAsync(WebApplication app)
    {
        var projector = app.Services.GetService<ElasticsearchDocumentProjector>()
            ?? throw new InvalidOperationException("make es-replay-dead-letters needs Elasticsearch:Url (or ELASTICSEARCH_URL).");
        var result = await DeadLetterReplay.RunAsync(projector, app.Services.GetRequiredService<NpgsqlDataSource>(), 500, app.Lifetime.ApplicationStopping);
        Console.WriteLine($"{result.Replayed} dead letters of {projector.Name} replayed, {result.StillFailing} still failing");
    }
}
