using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>Services 4–6: the result waits at the Centre that took the application; nobody collects it; after one month
/// the Centre sends it on — to the Committee (4, 6) or "the authorised body" (5) (l. 6853, 8962, 10998).</summary>
public static class RecordCentreStorage
{
    /// <summary>Event: received (the result reached the Centre; storage starts) or sent-on (after the month, to the
    /// Committee or authorised body). On defaults to today.</summary>
    public sealed record Request(string Event, DateOnly? On);

    public sealed record Response(Guid ApplicationId, string CentreId, DateOnly ReceivedOn, DateOnly LastDay, DateOnly? SentOnDate, Text SentTo, int Version);

    sealed record Stored(string CentreId, DateOnly ReceivedOn, DateOnly LastDay, DateOnly? SentOnDate, bool Collected);

    public static async Task<Results<CommandResult<Response>, ValidationProblem>> Handle(Guid id, Request request, HttpContext http, [FromKeyedServices(Database.Writes)] NpgsqlDataSource dataSource,
        TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var errors = new Dictionary<string, string[]>();
        if (request.Event is not ("received" or "sent-on")) errors["event"] = ["Event is received or sent-on."];
        if (request.On > today) errors["on"] = ["The date cannot be in the future."];
        if (!ExpectedVersion.TryRead(http, out var expectedVersion)) errors["If-Match"] = ["If-Match must be the application's version."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation);
        var on = request.On ?? today;

        return new CommandResult<Response>(await Commands.RunAsync(dataSource, http.Command("application.centre-storage", new { id, request }), async (conn, tx, actor) =>
        {
            var app = await ApplicationRecords.LockAsync(conn, tx, id, ct);
            if (ApplicationRecords.Check(app, id, expectedVersion) is { } refusal) return refusal;
            var service = app!.Definition;
            if (ResultHandover.StorageError(service, app.Channel) is { } error) return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "No storage rule", error);
            var rule = service.UncollectedAtCentre!;
            if (app.Status is not (ApplicationStatus.Issued or ApplicationStatus.DeemedIssued or ApplicationStatus.Refused))
                return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Nothing to store", $"The application is {app.StatusText}: no result has reached the Centre.");
            var stored = await conn.QuerySingleOrDefaultAsync<Stored>(new CommandDefinition("""
                select s.centre_id as centreid, s.received_on as receivedon, s.last_day as lastday, s.sent_on_date as sentondate,
                       exists (select 1 from result_handovers h where h.application_id = s.application_id and h.method = 'centre-window') as collected
                from centre_storage s where s.application_id = @id
                """, new { id }, tx, cancellationToken: ct));

            if (request.Event == "received")
            {
                if (stored is not null) return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Already stored", $"The result reached the Centre on {stored.ReceivedOn:yyyy-MM-dd}.");
                stored = new Stored(app.CentreId ?? "", on, rule.LastDay(on), null, false);
                await conn.ExecuteAsync(new CommandDefinition("""
                    insert into centre_storage (application_id, centre_id, received_on, last_day, recorded_by) values (@id, @CentreId, @ReceivedOn, @LastDay, @actor)
                    """, new { id, stored.CentreId, stored.ReceivedOn, stored.LastDay, actor }, tx, cancellationToken: ct));
            }
            else
            {
                if (stored is null || stored.SentOnDate is not null || stored.Collected)
                    return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Not waiting at the Centre", "The result is not waiting at the Centre: never received, collected, or sent on already.");
                if (!ResultHandover.MaySendOn(rule, stored.ReceivedOn, on))
                    return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Still within its month", $"The Centre keeps the result until {stored.LastDay:yyyy-MM-dd}.");
                stored = stored with { SentOnDate = on };
                await conn.ExecuteAsync(new CommandDefinition("update centre_storage set sent_on_date = @on where application_id = @id", new { id, on }, tx, cancellationToken: ct));
            }
            await ApplicationRecords.TouchAsync(conn, tx, id, ct);
            return CommandOutcome.Success(200, new Response(id, stored.CentreId, stored.ReceivedOn, stored.LastDay, stored.SentOnDate, rule.ThenSentTo, app.Version + 1), id);
        }, ct));
    }
}
