using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Features.Admin;
using Registry.Api.Features.Documents;
using Registry.Api.Features.Applications;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Calendar;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Services;

namespace Registry.Api.DemoData;

/// <summary>
/// A deterministic demo registry (DemoData:Documents issued documents, default 2,400, plus refused applications),
/// recorded through the same commands officers use — submit, decide — and the deadline sweep for the applications
/// left unanswered, so every rule, receipt, audit record and outbox event is the real one. Runs only when
/// DemoData:Seed is true and nothing has been issued yet; instances starting together seed once.
/// </summary>
public static class DemoDataSeeder
{
    public const string DemoOfficer = "demo-seed";
    /// <summary>Held while seeding: instances starting together seed one after the other.</summary>
    public const long SeedLock = 20121068_0002;

    /// <summary>Sectors and activity sub-types are free text, as the form's blanks are (l. 2177–2185); these are demo words.</summary>
    public static readonly string[] Sectors =
    [
        "Мұнай-газ саласы / Нефтегазовая отрасль", "Тау-кен өндірісі / Горнодобывающая отрасль", "Химия өнеркәсібі / Химическая промышленность",
        "Энергетика / Энергетика", "Металлургия / Металлургия", "Газбен жабдықтау / Газоснабжение",
    ];

    public static readonly string[] Activities =
    [
        "Өнеркәсіптік қауіпсіздік сараптамасы / Экспертиза промышленной безопасности", "Авариялық-құтқару жұмыстары / Аварийно-спасательные работы",
        "Мамандарды даярлау / Подготовка специалистов",
    ];

    public static async Task SeedDemoDataIfAskedAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("DemoData:Seed", false)) return;
        // A one-shot start-up job, like migrating: no serving statement time-out, neither while another instance seeds
        // (wait for it as long as it takes) nor for the seeding's own statements on a busy server.
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(app.Configuration.GetConnectionString("Registry")) { CommandTimeout = 0 });
        await using var guard = await dataSource.OpenConnectionAsync();
        await guard.ExecuteAsync("select pg_advisory_lock(@SeedLock)", new { SeedLock });
        try
        {
            if (await guard.ExecuteScalarAsync<bool>("select exists (select 1 from documents)")) return;
            var count = app.Configuration.GetValue("DemoData:Documents", 2400);
            await SeedAsync(dataSource, count, app.Services.GetRequiredService<TimeProvider>(), app.Services.GetRequiredService<WorkingCalendar>(),
                app.Services.GetRequiredService<IOptions<DocumentTermOptions>>().Value, app.Services.GetRequiredService<IOptions<IntakeOptions>>().Value,
                app.Lifetime.ApplicationStopping);
            app.Logger.LogInformation("Seeded {Count} demo applications", count);
        }
        finally
        {
            await guard.ExecuteAsync("select pg_advisory_unlock(@SeedLock)", new { SeedLock });
        }
    }

    /// <summary>Every 25th application is refused for incomplete information (an accreditation after its protocol decision),
    /// every 40th left unanswered for the sweep to deem issued, the rest issued twelve days after submission. Each service's
    /// applications are recorded in order by their own worker: numbers are counted per kind, so they come out the same on
    /// every run while the six services load side by side. Then, one at a time so the outcome is the same on every run:
    /// renamed holders apply once more under their new name (the old one becomes a former name), some documents are
    /// suspended, reinstated or revoked through the officers' command, and the sweep deems the unanswered applications
    /// issued and expires documents whose configured term has ended.</summary>
    public static async Task SeedAsync(NpgsqlDataSource dataSource, int applications, TimeProvider clock, WorkingCalendar calendar, DocumentTermOptions terms,
        IntakeOptions intake, CancellationToken ct)
    {
        var random = new Random(20121068);
        string[] centres;
        await using (var conn = await dataSource.OpenConnectionAsync(ct))
            centres = [.. await conn.QueryAsync<string>(new CommandDefinition("select id from centres where level = 'department' order by id", cancellationToken: ct))];
        var holders = Enumerable.Range(0, Math.Max(10, applications / 3)).Select(i => Population.NewHolder(random, i)).ToList();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var start = new DateOnly(2024, 1, 9);
        var plan = Enumerable.Range(0, applications).Select(i =>
        {
            var service = ServiceCatalogue.All[i % ServiceCatalogue.All.Count];
            var submittedOn = start.AddDays(i * 1000 / applications);
            var holder = holders[random.Next(holders.Count)];
            while (!Intake.MayApply(service, holder.Type)) holder = holders[random.Next(holders.Count)];
            DecideApplication.Request? decision = i % 40 == 7 ? null
                : i % 25 == 24 ? new("refuse", [Refusals.IncompleteInformation],
                    "Ұсынылған мәліметтер толық емес / Представленные сведения неполны", "Комитет төрағасының орынбасары / Заместитель председателя Комитета",
                    submittedOn.AddDays(10), service.RefusalDueWorkingDaysAfterProtocol is null ? null : submittedOn.AddDays(8))
                : new("issue", DecidedOn: submittedOn.AddDays(12));
            return (service.Code, Holder: holder, Request: Request(service, holder, holder.FormerName ?? holder.Name, submittedOn, random, centres), Decision: decision);
        }).ToList();

        var issued = new List<(string Number, DateOnly IssuedOn)>();
        await Task.WhenAll(plan.GroupBy(p => p.Code).Select(async service =>
        {
            var numbers = new List<(string, DateOnly)>();
            foreach (var (_, _, request, decision) in service)
                if (await SubmitAndDecideAsync(dataSource, request, decision, clock, calendar, intake, today, terms, ct) is { } number)
                    numbers.Add((number, decision!.DecidedOn!.Value));
            lock (issued) issued.AddRange(numbers);
        }));

        var permit = ServiceCatalogue.Find("permit")!;
        var renamed = plan.Select(p => p.Holder).Where(h => h.FormerName is not null).Distinct().ToList();
        for (var i = 0; i < renamed.Count; i++)
        {
            var submittedOn = start.AddDays(1000 + i % 20);
            await SubmitAndDecideAsync(dataSource, Request(permit, renamed[i], renamed[i].Name, submittedOn, random, centres),
                new("issue", DecidedOn: submittedOn.AddDays(12)), clock, calendar, intake, today, terms, ct);
        }

        issued.Sort((a, b) => string.CompareOrdinal(a.Number, b.Number));
        for (var i = 0; i < issued.Count; i++)
        {
            var (number, issuedOn) = issued[i];
            DocumentAction[] actions = (i % 53) switch { 5 => [DocumentAction.Suspend], 17 => [DocumentAction.Revoke], 29 => [DocumentAction.Suspend, DocumentAction.Reinstate], 41 => [DocumentAction.Suspend, DocumentAction.Revoke], _ => [] };
            for (var step = 0; step < actions.Length; step++)
            {
                var effectiveOn = Min(issuedOn.AddDays(40 + 30 * step), today);
                var (action, reason) = (actions[step], StatusReasons[actions[step]]);
                await Run(Commands.RunAsync(dataSource, Command($"document.{action.Slug()}", new { number, reason, effectiveOn }),
                    (conn, tx, actor) => ChangeDocumentStatus.ApplyAsync(conn, tx, action, number, reason, null, effectiveOn, null, actor, ct), ct), []);
            }
        }
        await DeadlineSweep.RunAsync(dataSource, terms, today, ct);
    }

    static readonly Dictionary<DocumentAction, string> StatusReasons = new()
    {
        [DocumentAction.Suspend] = "Предписание об устранении нарушений / Бұзушылықтарды жою туралы нұсқама",
        [DocumentAction.Reinstate] = "Нарушения устранены / Бұзушылықтар жойылды",
        [DocumentAction.Revoke] = "Решение суда / Сот шешімі",
    };

    static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>Records the application and, when there is a decision, the decision; returns the number issued, if any.</summary>
    static async Task<string?> SubmitAndDecideAsync(NpgsqlDataSource dataSource, SubmitApplication.Request request, DecideApplication.Request? decision,
        TimeProvider clock, WorkingCalendar calendar, IntakeOptions intake, DateOnly today, DocumentTermOptions terms, CancellationToken ct)
    {
        var submitted = await Run(SubmitApplication.ExecuteAsync(dataSource, Command("application.submit", request), request, clock, calendar, intake, ct),
            SubmitApplication.Validate(request, today));
        if (decision is null) return null;
        var id = JsonSerializer.Deserialize<SubmitApplication.Response>(submitted.Body!, JsonSerializerOptions.Web)!.Id;
        var decided = await Run(DecideApplication.ExecuteAsync(dataSource, Command("application.decide", new { id, decision }), id, decision, null, today, terms, calendar, ct),
            DecideApplication.Validate(decision, today));
        return JsonSerializer.Deserialize<DecideApplication.Response>(decided.Body!, JsonSerializerOptions.Web)!.DocumentNumber;
    }

    static SubmitApplication.ApplicantDto Applicant(PopulationHolder holder, string name) =>
        new(holder.Type.Slug(), holder.Identifier, name, $"{holder.City}, ул. Абая, {holder.Identifier[^3..].TrimStart('0')}", $"+7701{holder.Identifier[^7..]}", holder.Region);

    static CommandRequest Command(string action, object request) => new(action, request, DemoOfficer, "demo-data");

    static async Task<CommandReply> Run(Task<CommandReply> command, Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new InvalidOperationException($"Demo request is not valid: {JsonSerializer.Serialize(errors)}");
        var reply = await command;
        if (!reply.Succeeded) throw new InvalidOperationException($"Demo command refused: {reply.Body ?? reply.Problem?.Detail}");
        return reply;
    }

    /// <summary>A complete application for the service, on a channel the service takes (a Centre only when annex 1 is loaded),
    /// with the paragraph-11 documents of that channel and what its proof of intake needs.</summary>
    static SubmitApplication.Request Request(ServiceDefinition service, PopulationHolder holder, string name, DateOnly submittedOn, Random random,
        string[] centres)
    {
        Channel[] channels = [.. service.Channels.Where(c => c != Channel.Centre || centres.Length > 0)];
        var channel = channels[random.Next(channels.Length)];
        var attestation = service.Result == DocumentKind.Attestation;
        return new(service.Code, channel.Slug(), submittedOn, Applicant(holder, name),
            attestation ? [Sectors[random.Next(Sectors.Length)]] : [],
            attestation ? [Activities[random.Next(Activities.Length)]] : [],
            service.Fields.Any(f => f.Name == "subjects") ? [new SubmitApplication.SubjectDto(Population.Subject(random, service.Result, holder.City), null)] : [],
            service.ExpertConclusionRequired ? new SubmitApplication.ExpertConclusionDto("ТОО «Сараптама Орталығы»", $"EX-{submittedOn:yyyyMMdd}", submittedOn.AddDays(-20)) : null,
            [.. service.DocumentsFor(channel).Select(d => new SubmitApplication.AttachedDocumentDto(d.Code, d.Title.Ru))],
            new SubmitApplication.ContactDto("Сейітов Ерлан Бекұлы", $"+7701{holder.Identifier[^7..]}"),
            CentreId: channel == Channel.Centre ? centres[submittedOn.DayNumber % centres.Length] : null, // no draw: the numbers stay as before
            AcceptorPhone: service.ProofOn(Channel.Committee)?.Kind == IntakeProofKind.MarkedApplicationCopy ? "8 (7172) 74-96-59" : null);
    }
}
