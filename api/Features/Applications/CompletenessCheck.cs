using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Services;

namespace Registry.Api.Features.Applications;

/// <summary>
/// The completeness check (due within 2 working days of receipt): an expired expert conclusion refuses the application
/// with that reason; missing documents suspend it — the deadline clock stops — until they arrive; otherwise it goes
/// under review.
/// </summary>
public static class CompletenessCheck
{
    public sealed record Request(IReadOnlyList<string>? MissingDocuments, DateOnly? CheckedOn);

    public sealed record Response(Guid ApplicationId, string Status, int Version, DateOnly? DeadlineOn, IReadOnlyList<string> MissingDocuments, IReadOnlyList<string>? RefusalReasons);

    public static async Task<IResult> Handle(Guid id, Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (request.CheckedOn > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["checkedOn"] = ["The check date cannot be in the future."] }, type: ProblemTypes.Validation);
        if (!ExpectedVersion.TryRead(http, out var expectedVersion))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the application's version."] }, type: ProblemTypes.Validation);
        var missing = (request.MissingDocuments ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToArray();
        var checkedOn = request.CheckedOn ?? today;

        return await Commands.RunAsync("application.completeness-check", new { id, request }, http, dataSource, async (conn, tx, actor) =>
        {
            var app = await ApplicationRows.LockAsync(conn, tx, id, ct);
            if (ApplicationRows.Check(app, id, expectedVersion) is { } refusal) return refusal;
            if (checkedOn < app!.SubmittedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Check before submission", "The completeness check cannot predate the application.");
            var service = ServiceCatalogue.Find(app.Service)!;
            var known = service.Documents.Select(d => d.Code).ToHashSet();
            if (missing.FirstOrDefault(c => !known.Contains(c)) is { } unknown)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Unknown document", $"'{unknown}' is not a document of {service.Code}: {string.Join(", ", known)}.");

            if (service.ExpertConclusionRequired && app.ExpertiseDate is { } expertise && !Deadlines.ExpertConclusionValid(expertise, checkedOn))
            {
                string[] reasons = [$"Сараптама қорытындысының мерзімі өтті / Срок действия заключения экспертизы истёк: выдано {expertise:dd.MM.yyyy}, действительно 3 месяца"];
                var refused = ApplicationLifecycle.Apply(app.Status, ApplicationStep.Refuse);
                if (!refused.Allowed) return ApplicationRows.NotAllowed(app, refused);
                await conn.ExecuteAsync(new CommandDefinition("""
                    insert into application_refusals (application_id, reasons, refused_on, refused_by, stage) values (@id, @reasons, @checkedOn, @actor, 'completeness-check');
                    update applications set status = 'refused', completeness_checked_on = @checkedOn, version = version + 1 where id = @id;
                    """, new { id, reasons, checkedOn, actor }, tx, cancellationToken: ct));
                return CommandOutcome.Success(200, new Response(id, "refused", app.Version + 1, null, [], reasons), id);
            }

            var step = missing.Length > 0 ? ApplicationStep.SuspendForMissingDocuments : ApplicationStep.ConfirmComplete;
            var outcome = ApplicationLifecycle.Apply(app.Status, step);
            if (!outcome.Allowed) return ApplicationRows.NotAllowed(app, outcome);
            if (missing.Length > 0)
                await conn.ExecuteAsync(new CommandDefinition("""
                    insert into application_suspensions (application_id, suspended_on, missing_documents, recorded_by) values (@id, @checkedOn, @missing, @actor);
                    update applications set status = 'suspended', deadline_on = null, completeness_checked_on = @checkedOn, version = version + 1 where id = @id;
                    """, new { id, checkedOn, missing, actor }, tx, cancellationToken: ct));
            else
                await conn.ExecuteAsync(new CommandDefinition(
                    "update applications set status = 'under-review', completeness_checked_on = @checkedOn, version = version + 1 where id = @id",
                    new { id, checkedOn }, tx, cancellationToken: ct));
            return CommandOutcome.Success(200, new Response(id, outcome.Next!.Value.Slug(), app.Version + 1, missing.Length > 0 ? null : app.DeadlineOn, missing, null), id);
        }, ct);
    }
}

/// <summary>Missing documents arrived: consideration resumes and the deadline moves by the days it was suspended.</summary>
public static class SupplyDocuments
{
    public sealed record Request(IReadOnlyList<string> Documents, DateOnly? ReceivedOn);

    public sealed record Response(Guid ApplicationId, string Status, int Version, DateOnly? DeadlineOn, IReadOnlyList<string> StillMissing);

    public static async Task<IResult> Handle(Guid id, Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        if (request.Documents is not { Count: > 0 } || request.ReceivedOn > today)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["documents"] = ["Name the documents received (codes), on a date not in the future."] }, type: ProblemTypes.Validation);
        if (!ExpectedVersion.TryRead(http, out var expectedVersion))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["If-Match"] = ["If-Match must be the application's version."] }, type: ProblemTypes.Validation);
        var receivedOn = request.ReceivedOn ?? today;

        return await Commands.RunAsync("application.documents-supplied", new { id, request }, http, dataSource, async (conn, tx, actor) =>
        {
            var app = await ApplicationRows.LockAsync(conn, tx, id, ct);
            if (ApplicationRows.Check(app, id, expectedVersion) is { } refusal) return refusal;
            var open = await conn.QuerySingleOrDefaultAsync<OpenSuspension>(new CommandDefinition(
                "select id, suspended_on as suspendedon, missing_documents as missing from application_suspensions where application_id = @id and resumed_on is null",
                new { id }, tx, cancellationToken: ct));
            var outcome = ApplicationLifecycle.Apply(app!.Status, ApplicationStep.ReceiveMissingDocuments);
            if (!outcome.Allowed || open is null) return ApplicationRows.NotAllowed(app, outcome);
            if (receivedOn < open.SuspendedOn)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Before the suspension", "Documents cannot arrive before the suspension began.");
            var stillMissing = open.Missing.Except(request.Documents, StringComparer.OrdinalIgnoreCase).ToArray();
            if (stillMissing.Length > 0)
                return CommandOutcome.Refuse(422, ProblemTypes.RuleViolation, "Documents still missing",
                    $"Consideration stays suspended until these arrive: {string.Join(", ", stillMissing)}.", new Dictionary<string, object?> { ["stillMissing"] = stillMissing });

            await conn.ExecuteAsync(new CommandDefinition("update application_suspensions set resumed_on = @receivedOn where id = @suspension",
                new { receivedOn, suspension = open.Id }, tx, cancellationToken: ct));
            var suspensions = (await conn.QueryAsync<Suspension>(new CommandDefinition(
                "select suspended_on as suspended, resumed_on as resumed from application_suspensions where application_id = @id order by suspended_on",
                new { id }, tx, cancellationToken: ct))).AsList();
            var due = Deadlines.Compute(ServiceCatalogue.Find(app.Service)!.Deadline, app.SubmittedOn, suspensions, calendar).Due;
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into application_documents (application_id, code, title, provided_at) select @id, c, c, @receivedOn from unnest(@codes) c
                on conflict (application_id, code) do update set provided_at = excluded.provided_at;
                update applications set status = 'under-review', deadline_on = @due, version = version + 1 where id = @id;
                """, new { id, receivedOn, codes = request.Documents.ToArray(), due }, tx, cancellationToken: ct));
            return CommandOutcome.Success(200, new Response(id, "under-review", app.Version + 1, due, []), id);
        }, ct);
    }

    sealed class OpenSuspension
    {
        public long Id { get; init; }
        public DateOnly SuspendedOn { get; init; }
        public string[] Missing { get; init; } = [];
    }
}
