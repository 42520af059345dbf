using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Applications;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Api.WriteModel;

/// <summary>A new application as recorded: what was applied for, where (the Centre, on that channel), by whom and through
/// which representative, with which attachments, and its deadlines.</summary>
public sealed record NewApplication(
    Guid Id, string Service, Guid ApplicantId, Channel Channel, string? CentreId, DateOnly SubmittedOn, string AcceptedBy, string? ContactPerson,
    string? ContactPhone, string? RepresentativeName, string? RepresentativePhone, DateOnly? DeadlineOn, DateOnly CompletenessDueOn,
    IReadOnlyList<string> Sectors, IReadOnlyList<string> Activities, IReadOnlyList<(string Name, string? Description)> Subjects,
    IReadOnlyList<(string Code, string Title)> Documents, (string Organisation, string Number, DateOnly ExpertiseDate)? ExpertConclusion);

/// <summary>The applications table and its details. Every command on an application locks its row first; each state
/// change bumps the version that If-Match checks.</summary>
public static class ApplicationRecords
{
    public sealed record Row(string Service, Guid ApplicantId, string ApplicantName, string StatusText, string ChannelText, string? CentreId, int Version,
        DateOnly SubmittedOn, DateOnly? DeadlineOn, DateOnly? ExpertiseDate, DateOnly? ProtocolDecidedOn, DateOnly? RefusalDueOn)
    {
        public ApplicationStatus Status => Slugs.Parse<ApplicationStatus>(StatusText);
        public Channel Channel => Slugs.Parse<Channel>(ChannelText);
        public ServiceDefinition Definition => ServiceCatalogue.Find(Service)!;
    }

    const string Lock = """
        select a.service, a.applicant_id as applicantid, p.name as applicantname, a.status as statustext, a.channel as channeltext, a.centre_id as centreid,
               a.version, a.submitted_on as submittedon, a.deadline_on as deadlineon, e.expertise_date as expertisedate,
               a.protocol_decided_on as protocoldecidedon, a.refusal_due_on as refusaldueon
        from applications a join applicants p on p.id = a.applicant_id left join expert_conclusions e on e.application_id = a.id
        where a.id = @id
        for update of a
        """;

    public static Task<Row?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Lock, new { id }, tx, cancellationToken: ct));

    /// <summary>Not found, or a stale If-Match version.</summary>
    public static CommandOutcome? Check(Row? app, Guid id, int? expectedVersion)
    {
        if (app is null) return CommandOutcome.Refuse(404, ProblemTypes.NotFound, "Application not found", $"No application {id}.");
        if (expectedVersion is { } v && v != app.Version)
            return CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Stale version", $"The application is at version {app.Version}, not {v}.",
                new Dictionary<string, object?> { ["currentVersion"] = app.Version });
        return null;
    }

    public static CommandOutcome NotAllowed(Row app, ApplicationLifecycle.Outcome outcome) =>
        CommandOutcome.Refuse(409, ProblemTypes.Conflict, "Step not allowed", outcome.Refusal ?? $"The application is {app.StatusText}.",
            new Dictionary<string, object?> { ["currentStatus"] = app.StatusText });

    public static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, NewApplication a, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into applications (id, service, applicant_id, channel, centre_id, status, submitted_on, accepted_by, contact_person, contact_phone,
                                      representative_name, representative_phone, deadline_on, completeness_due_on)
            values (@Id, @Service, @ApplicantId, @channel, @CentreId, @status, @SubmittedOn, @AcceptedBy, @ContactPerson, @ContactPhone,
                    @RepresentativeName, @RepresentativePhone, @DeadlineOn, @CompletenessDueOn);
            insert into application_sectors (application_id, sector) select @Id, unnest(@sectors) on conflict do nothing;
            insert into application_activities (application_id, activity) select @Id, unnest(@activities) on conflict do nothing;
            insert into application_subjects (application_id, ordinal, name, description)
            select @Id, s.ordinal, s.name, s.description from unnest(@subjectNames, @subjectDescriptions) with ordinality as s(name, description, ordinal);
            insert into application_documents (application_id, code, title, provided_at) select @Id, c, t, now() from unnest(@codes, @titles) as d(c, t);
            """, new
        {
            a.Id, a.Service, a.ApplicantId, channel = a.Channel.Slug(), a.CentreId, status = ApplicationStatus.Submitted.Slug(), a.SubmittedOn, a.AcceptedBy,
            a.ContactPerson, a.ContactPhone, a.RepresentativeName, a.RepresentativePhone, a.DeadlineOn, a.CompletenessDueOn,
            sectors = a.Sectors.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToArray(),
            activities = a.Activities.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct().ToArray(),
            subjectNames = a.Subjects.Select(s => s.Name).ToArray(), subjectDescriptions = a.Subjects.Select(s => s.Description).ToArray(),
            codes = a.Documents.Select(d => d.Code).ToArray(), titles = a.Documents.Select(d => d.Title).ToArray(),
        }, tx, cancellationToken: ct));
        if (a.ExpertConclusion is { } ec)
            await conn.ExecuteAsync(new CommandDefinition("""
                insert into expert_conclusions (application_id, expert_organisation, conclusion_number, expertise_date) values (@Id, @Organisation, @Number, @ExpertiseDate)
                """, new { a.Id, ec.Organisation, ec.Number, ec.ExpertiseDate }, tx, cancellationToken: ct));
    }

    /// <summary>Records the state the domain decided, with the dates that came with it, at the commit
    /// (<see cref="WritesAtCommit"/>): the last step of every command that moves an application, which row it has locked.</summary>
    public static void Move(NpgsqlTransaction tx, Guid id, ApplicationStatus next,
        DateOnly? completenessCheckedOn = null, DateOnly? protocolDecidedOn = null, DateOnly? refusalDueOn = null) =>
        WritesAtCommit.Add(tx, """
            update applications set status = @status, version = version + 1,
                   completeness_checked_on = coalesce(@completenessCheckedOn, completeness_checked_on),
                   protocol_decided_on = coalesce(@protocolDecidedOn, protocol_decided_on),
                   refusal_due_on = coalesce(@refusalDueOn, refusal_due_on)
            where id = @id
            """, new { id, status = next.Slug(), completenessCheckedOn, protocolDecidedOn, refusalDueOn });

    /// <summary>A change to the application's record that leaves its status as it is: a new version for If-Match.</summary>
    public static Task TouchAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct, DateOnly? protocolDecidedOn = null,
        DateOnly? refusalDueOn = null) =>
        conn.ExecuteAsync(new CommandDefinition("""
            update applications set version = version + 1,
                   protocol_decided_on = coalesce(@protocolDecidedOn, protocol_decided_on), refusal_due_on = coalesce(@refusalDueOn, refusal_due_on)
            where id = @id
            """, new { id, protocolDecidedOn, refusalDueOn }, tx, cancellationToken: ct));

    /// <summary>The refusal and its reasoned notice, kept whole.</summary>
    public static Task RefuseAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, RefusalNotice notice, string actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into application_refusals (application_id, grounds, explanation, signatory_role, refused_on, refused_by, stage)
            values (@id, @grounds, @Explanation, @SignatoryRole, @IssuedOn, @actor, 'decision');
            insert into refusal_notices (application_id, number, issued_on, body) values (@id, @Number, @IssuedOn, @body::jsonb);
            """, new
        {
            id, grounds = notice.Grounds.Select(g => g.Code).ToArray(), notice.Explanation, notice.SignatoryRole, notice.IssuedOn, actor, notice.Number,
            body = JsonSerializer.Serialize(notice, JsonSerializerOptions.Web),
        }, tx, cancellationToken: ct));

    public static Task FlagExpiredExpertConclusionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, DateOnly checkedOn, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("update expert_conclusions set found_expired_on = @checkedOn where application_id = @id",
            new { id, checkedOn }, tx, cancellationToken: ct));

    /// <summary>The clock stops: the deadline is unknown until the missing documents arrive.</summary>
    public static Task SuspendAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, DateOnly suspendedOn, IReadOnlyList<string> missing, string actor,
        CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into application_suspensions (application_id, suspended_on, missing_documents, recorded_by) values (@id, @suspendedOn, @missing, @actor);
            update applications set deadline_on = null where id = @id;
            """, new { id, suspendedOn, missing = missing.ToArray(), actor }, tx, cancellationToken: ct));

    public sealed class OpenSuspension
    {
        public long Id { get; init; }
        public DateOnly SuspendedOn { get; init; }
        public string[] Missing { get; init; } = [];
    }

    public static Task<OpenSuspension?> OpenSuspensionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<OpenSuspension>(new CommandDefinition(
            "select id, suspended_on as suspendedon, missing_documents as missing from application_suspensions where application_id = @id and resumed_on is null",
            new { id }, tx, cancellationToken: ct));

    /// <summary>Closes the open suspension and returns every suspension of the application, for the deadline to be recomputed.</summary>
    public static async Task<IReadOnlyList<Suspension>> ResumeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, long suspensionId, DateOnly receivedOn,
        IReadOnlyList<string> documents, CancellationToken ct) =>
        (await conn.QueryAsync<Suspension>(new CommandDefinition("""
            update application_suspensions set resumed_on = @receivedOn where id = @suspensionId;
            insert into application_documents (application_id, code, title, provided_at) select @id, c, c, @receivedOn from unnest(@codes) c
            on conflict (application_id, code) do update set provided_at = excluded.provided_at;
            select suspended_on as suspended, resumed_on as resumed from application_suspensions where application_id = @id order by suspended_on;
            """, new { id, suspensionId, receivedOn, codes = documents.ToArray() }, tx, cancellationToken: ct))).AsList();

    public static Task SetDeadlineAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, DateOnly? due, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("update applications set deadline_on = @due where id = @id", new { id, due }, tx, cancellationToken: ct));

    /// <summary>Applications in one of <paramref name="statuses"/> whose deadline passed before <paramref name="today"/>.</summary>
    public static async Task<IReadOnlyList<Guid>> OverdueAsync(NpgsqlConnection conn, IReadOnlyList<ApplicationStatus> statuses, DateOnly today, CancellationToken ct) =>
        (await conn.QueryAsync<Guid>(new CommandDefinition(
            "select id from applications where status = any(@statuses) and deadline_on < @today order by deadline_on, id",
            new { statuses = statuses.Select(s => s.Slug()).ToArray(), today }, cancellationToken: ct))).AsList();
}
