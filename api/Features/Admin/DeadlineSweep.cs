using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Admin;

/// <summary>
/// Silence means consent, and terms end: the sweep asks the domain which applications are deemed issued today
/// (<see cref="ApplicationLifecycle.DeemedIssuedOn"/>) and which documents' terms have ended
/// (<see cref="DocumentLifecycle.TermEnded"/>), and records each answer as its own command — in its own transaction,
/// under the row's lock, audited — so a concurrent officer decision and the sweep never both win.
/// </summary>
public static class DeadlineSweep
{
    public const string Actor = "deadline-sweeper";

    public sealed record Result(DateOnly Today, int DeemedIssued, int Expired, IReadOnlyList<string> Numbers);

    public static async Task<Result> RunAsync(NpgsqlDataSource dataSource, DocumentTermOptions terms, DateOnly today, CancellationToken ct)
    {
        IReadOnlyList<Guid> overdue;
        IReadOnlyList<string> ended;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
        {
            // SQL narrows the candidates; the domain decides on each locked row.
            overdue = await ApplicationRecords.OverdueAsync(conn, ApplicationLifecycle.StatusesAllowing(ApplicationStep.DeemIssued), today, ct);
            ended = await IssuedDocuments.TermEndedAsync(conn, DocumentLifecycle.StatusesAllowing(DocumentAction.Expire), today, ct);
        }

        var numbers = new List<string>();
        foreach (var id in overdue)
        {
            var reply = await Commands.RunAsync(dataSource, new CommandRequest("application.deemed-issued", new { id, today }, Actor, "sweep"),
                (conn, tx, actor) => DeemIssuedAsync(conn, tx, id, today, terms, actor, ct), ct);
            if (reply.Succeeded && reply.AssignedNumber is { } number) numbers.Add(number);
        }
        var expired = 0;
        foreach (var numberNorm in ended)
        {
            var reply = await Commands.RunAsync(dataSource, new CommandRequest("document.expire", new { numberNorm, today }, Actor, "sweep"),
                (conn, tx, actor) => ExpireAsync(conn, tx, numberNorm, today, actor, ct), ct);
            if (reply.Succeeded) expired++;
        }
        return new Result(today, numbers.Count, expired, numbers);
    }

    static async Task<CommandOutcome> DeemIssuedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, DateOnly today, DocumentTermOptions terms,
        string actor, CancellationToken ct)
    {
        var app = await ApplicationRecords.LockAsync(conn, tx, id, ct);
        if (app is null || ApplicationLifecycle.DeemedIssuedOn(app.Status, app.DeadlineOn, today) is not { } deemedOn)
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Not due", "Decided, suspended or not overdue meanwhile.");
        var service = app.Definition;
        ApplicationRecords.Move(tx, id, ApplicationStatus.DeemedIssued);
        var numbering = await IssuedDocuments.IssueAsync(conn, tx, id, service.Result, app.ApplicantId, deemedOn, terms.ValidUntil(service.Result, deemedOn),
            service.DeemedPublicReason, actor, ct);
        return CommandOutcome.Success(200, new { id, number = numbering.Placeholder, deemedOn }, id) with { Numbering = numbering };
    }

    static async Task<CommandOutcome> ExpireAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string numberNorm, DateOnly today, string actor, CancellationToken ct)
    {
        var document = await IssuedDocuments.LockAsync(conn, tx, numberNorm, ct);
        var transition = document is null ? null : DocumentLifecycle.Apply(document.Status, DocumentAction.Expire);
        if (document is null || transition is not { Allowed: true } || !DocumentLifecycle.TermEnded(document.ValidUntil, today))
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Not due", "Changed or not expired meanwhile.");
        var expiredOn = document.ValidUntil!.Value.AddDays(1);
        await IssuedDocuments.ChangeStatusAsync(conn, tx, document.Id, transition.NewStatus!.Value, expiredOn, DocumentLifecycle.TermEndedReason, null, actor, ct);
        return CommandOutcome.Success(200, new { document.Number, expiredOn }, document.Id);
    }
}
