using Npgsql;
using Registry.Api.DemoData;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Outbox;

namespace Registry.Api.Infrastructure;

/// <summary>One-shot commands run by the same binary after migrations, instead of serving:
/// <c>--MigrateOnly=true</c> (make migrate), <c>--SeedLarge=N</c> (make seed-large), <c>--Reindex=true</c> (make reindex) and
/// <c>--ReplayDeadLetters=true</c> (make es-replay-dead-letters).</summary>
public static class MaintenanceCommands
{
    public static async Task<bool> RunMaintenanceCommandAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("MigrateOnly", false)) return true;
        if (app.Configuration.GetValue<int?>("SeedLarge") is { } count)
        {
            await LargeDataSet.LoadAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), count, Console.Out, app.Lifetime.ApplicationStopping);
            return true;
        }
        if (app.Configuration.GetValue("Reindex", false))
        {
            var rebuild = app.Services.GetService<ElasticsearchRebuild>()
                ?? throw new InvalidOperationException("make reindex needs Elasticsearch:Url (or ELASTICSEARCH_URL).");
            await rebuild.RunAsync(Console.Out, app.Lifetime.ApplicationStopping);
            return true;
        }
        if (app.Configuration.GetValue("ReplayDeadLetters", false))
        {
            var projector = app.Services.GetService<ElasticsearchDocumentProjector>()
                ?? throw new InvalidOperationException("make es-replay-dead-letters needs Elasticsearch:Url (or ELASTICSEARCH_URL).");
            var result = await DeadLetterReplay.RunAsync(projector, app.Services.GetRequiredService<NpgsqlDataSource>(), 500, app.Lifetime.ApplicationStopping);
            Console.WriteLine($"{result.Replayed} dead letters of {projector.Name} replayed, {result.StillFailing} still failing");
            return true;
        }
        return false;
    }
}
