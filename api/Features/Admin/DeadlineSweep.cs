using Microsoft.Extensions.DependencyInjection.Extensions;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Features.Applications;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Admin;

public static class DeadlineSweepRegistration
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

public sealed class DeadlineSweepOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Silence means consent: an application still under consideration (not suspended) the day after its deadline is
/// deemed issued / registered / agreed, dated the day after the deadline. Documents whose configured term has ended
/// are marked expired. Each application is handled in its own transaction, under its row lock, so a concurrent
/// officer decision and the sweep never both win.
/// </summary>
public static class DeadlineSweep
{
    public const string Actor = "deadline-sweeper";

    /// <summary>The history reason of a document expired by its term (the website shows it in Kazakh and Russian).</summary>
    public const string TermEndedReason = "The document's term has ended";

    public sealed record Result(DateOnly Today, int DeemedIssued, int Expired, IReadOnlyList<string> Numbers);

    const string Overdue = """
        select id from applications
        where status in ('submitted', 'under-review') and deadline_on < @today
        order by deadline_on, id
        """;

    const string LockOverdue = """
        select service, applicant_id as applicantid, deadline_on as deadlineon from applications
        where id = @id and status in ('submitted', 'under-review') and deadline_on < @today
        for update skip locked
        """;

    public static async Task<Result> RunAsync(NpgsqlDataSource dataSource, DocumentTermOptions terms, DateOnly today, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var numbers = new List<string>();
        foreach (var id in await conn.QueryAsync<Guid>(new CommandDefinition(Overdue, new { today }, cancellationToken: ct)))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var app = await conn.QuerySingleOrDefaultAsync<OverdueRow>(new CommandDefinition(LockOverdue, new { id, today }, tx, cancellationToken: ct));
            if (app is null) continue; // decided or suspended meanwhile
            DocumentKinds.TryParseSlug(app.Service, out var kind);
            var deemedOn = app.DeadlineOn.AddDays(1);
            numbers.Add(await DocumentIssuance.IssueAsync(conn, tx, id, kind, app.ApplicantId, deemedOn, terms.ValidUntil(kind, deemedOn), deemed: true, Actor, ct));
            await conn.ExecuteAsync(new CommandDefinition("""
                update applications set status = 'deemed-issued', version = version + 1 where id = @id;
                insert into audit_log (actor, action, entity_id, details) values (@actor, 'application.deemed-issued', @id, jsonb_build_object('deemedOn', @deemedOn::date));
                """, new { id, actor = Actor, deemedOn }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }

        var expired = 0;
        foreach (var norm in await conn.QueryAsync<string>(new CommandDefinition(
            "select number_norm from documents where status in ('valid', 'suspended') and valid_until < @today order by valid_until", new { today }, cancellationToken: ct)))
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            var outcome = await Documents.ChangeDocumentStatus.ApplyAsync(conn, tx, DocumentAction.Expire, norm, TermEndedReason, today, null, Actor, ct);
            if (outcome.Problem is not null) continue;
            await tx.CommitAsync(ct);
            expired++;
        }
        return new Result(today, numbers.Count, expired, numbers);
    }

    sealed record OverdueRow(string Service, Guid ApplicantId, DateOnly DeadlineOn);
}

/// <summary>Runs the sweep periodically (DeadlineSweep:Interval); the admin endpoint runs it on demand.</summary>
public sealed class DeadlineSweeper(NpgsqlDataSource dataSource, IOptions<DocumentTermOptions> terms, IOptions<DeadlineSweepOptions> options,
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
