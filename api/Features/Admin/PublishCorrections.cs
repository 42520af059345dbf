using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.WriteModel;

namespace Registry.Api.Features.Admin;

/// <summary>
/// Documents whose public content a migration corrected (officers' reasons moved into internal notes, English codes
/// replaced by words — migration 0222) are republished: a new version and a new event each, so the read model,
/// Elasticsearch and third parties mirroring the change feed all converge on the corrected content. Runs in batches,
/// each one audited command; the queue empties as it goes, so a restart simply continues.
/// </summary>
public static class PublishCorrections
{
    public const string Actor = "corrections";
    public const string Change = "corrected";

    const string Take = """
        delete from documents_to_republish
        where document_id in (select document_id from documents_to_republish order by document_id limit @batchSize for update skip locked)
        returning document_id
        """;

    /// <summary>Republishes everything queued; returns how many documents.</summary>
    public static async Task<int> RunAsync(NpgsqlDataSource dataSource, int batchSize, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var published = 0;
            await Commands.RunAsync(dataSource, new CommandRequest("document.republish-corrected", new { batchSize }, Actor, "start-up"), async (conn, tx, actor) =>
            {
                var ids = (await conn.QueryAsync<Guid>(new CommandDefinition(Take, new { batchSize }, tx, cancellationToken: ct))).AsList();
                foreach (var id in ids) await IssuedDocuments.RepublishAsync(conn, tx, id, Change, ct);
                published = ids.Count;
                return ids.Count == 0
                    ? CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Nothing queued", "No document waits for republication.")
                    : CommandOutcome.Success(200, new { published = ids.Count }, ids[0]);
            }, ct);
            if (published == 0) return total;
            total += published;
        }
    }
}

/// <summary>Runs <see cref="PublishCorrections"/> once, in the background, after start-up.</summary>
public sealed class CorrectionsPublisher([FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource, ILogger<CorrectionsPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var published = await PublishCorrections.RunAsync(dataSource, 200, stoppingToken);
            if (published > 0) logger.LogInformation("Republished {Count} corrected documents", published);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Republishing corrected documents failed; it resumes at the next start");
        }
    }
}

public static class CorrectionsPublisherRegistration
{
    public static void AddCorrectionsPublisher(this WebApplicationBuilder builder) => builder.Services.AddHostedService<CorrectionsPublisher>();
}
