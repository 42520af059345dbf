using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Registry.Api.Features.Admin;
using Registry.Api.Features.Applications;
using Registry.Api.WriteModel;
using Registry.Domain.Calendar;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Identifiers;
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

    static readonly string[] LegalForms = ["ТОО", "АО", "ЖШС", "АҚ", "ПК"];
    static readonly string[] Roots =
    [
        "Қарағанды Көмір", "Атырау Мұнай Сервис", "ҚазМұнайГаз Бұрғылау", "Павлодар Энергоқұрылыс", "Ақтөбе Хром", "Шымкент Цемент",
        "Өскемен Титан", "Жезқазған Мыс", "Маңғыстау Газ", "Ертіс Химия", "Балқаш Металл", "Теміртау Болат", "Екібастұз Энерго",
        "Қостанай Минерал", "Тараз Фосфор", "Орал Мұнайгаз", "Кокшетау Лифт", "Семей Өрт Қауіпсіздігі", "Алматы Өнеркәсіп Сараптама",
        "Астана Техникалық Қадағалау", "Казахстанская Промышленная Безопасность", "Сарыарка Энергосервис", "Южполиметалл", "Казтрансгаз Аймак",
        "Северный Кран", "Жайык Буровые Технологии", "Каспий Нефтехим", "Алтай Горная Компания", "Степногорск Уран", "Қызылорда Мұнай Өнімдері",
        "Ақсу Ферроқорытпа", "Торғай Кен", "Жетісу Газ Жабдықтары", "Бурабай Өрт Сөндіру Құралдары", "Kazakh Industrial Expertise",
    ];
    static readonly string[] Suffixes = ["", " Сервис", " Групп", " Инжиниринг", " Орталығы", " Холдинг", " Плюс"];
    static readonly string[] Regions =
    [
        "Астана", "Алматы", "Шымкент", "Абай облысы", "Ақмола облысы", "Ақтөбе облысы", "Алматы облысы", "Атырау облысы", "Батыс Қазақстан облысы",
        "Жамбыл облысы", "Жетісу облысы", "Қарағанды облысы", "Қостанай облысы", "Қызылорда облысы", "Маңғыстау облысы", "Павлодар облысы",
        "Солтүстік Қазақстан облысы", "Түркістан облысы", "Ұлытау облысы", "Шығыс Қазақстан облысы",
    ];
    public static readonly string[] Subjects =
    [
        "Буровая установка БУ-2500", "Взрывчатое вещество Гранулит АС-8", "Подъёмный кран КС-55713", "Газовый котёл Vitoplex 200",
        "Технология подземного выщелачивания урана", "Резервуар РВС-5000", "Огнетушитель ОП-5", "Пожарный рукав 51 мм", "Спринклер СВН-15",
        "Станция пожарной сигнализации Рубеж-2ОП", "Стандарт организации СТ ТОО 1234-2025", "Опасный производственный объект: нефтебаза Атырау",
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
                app.Services.GetRequiredService<IOptions<DocumentTermOptions>>().Value, app.Lifetime.ApplicationStopping);
            app.Logger.LogInformation("Seeded {Count} demo applications", count);
        }
        finally
        {
            await guard.ExecuteAsync("select pg_advisory_unlock(@SeedLock)", new { SeedLock });
        }
    }

    /// <summary>Every 25th application is refused, every 40th left unanswered for the sweep to deem issued, the rest issued
    /// twelve days after submission. Each service's applications are recorded in order by their own worker: numbers are
    /// counted per kind, so they come out the same on every run while the six services load side by side.</summary>
    public static async Task SeedAsync(NpgsqlDataSource dataSource, int applications, TimeProvider clock, WorkingCalendar calendar, DocumentTermOptions terms,
        CancellationToken ct)
    {
        var random = new Random(20121068);
        var holders = Enumerable.Range(0, Math.Max(10, applications / 3)).Select(i => NewHolder(random, i)).ToList();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().Date);
        var start = new DateOnly(2024, 1, 9);
        var plan = Enumerable.Range(0, applications).Select(i =>
        {
            var service = ServiceCatalogue.All[i % ServiceCatalogue.All.Count];
            var submittedOn = start.AddDays(i * 1000 / applications);
            DecideApplication.Request? decision = i % 40 == 7 ? null
                : i % 25 == 24 ? new("refuse", ["Сараптама қорытындысы толық емес / Заключение экспертизы неполное"], submittedOn.AddDays(10))
                : new("issue", null, submittedOn.AddDays(12));
            return (service.Code, Request: Request(service, holders[random.Next(holders.Count)], submittedOn, random), Decision: decision);
        }).ToList();

        await Task.WhenAll(plan.GroupBy(p => p.Code).Select(async service =>
        {
            foreach (var (_, request, decision) in service)
            {
                var submitted = await Run(SubmitApplication.ExecuteAsync(dataSource, Command("application.submit", request), request, clock, calendar, ct),
                    SubmitApplication.Validate(request, today));
                if (decision is null) continue;
                var id = JsonSerializer.Deserialize<SubmitApplication.Response>(submitted.Body!, JsonSerializerOptions.Web)!.Id;
                await Run(DecideApplication.ExecuteAsync(dataSource, Command("application.decide", new { id, decision }), id, decision, null, today, terms, calendar, ct),
                    DecideApplication.Validate(decision, today));
            }
        }));
        await DeadlineSweep.RunAsync(dataSource, terms, today, ct);
    }

    static CommandRequest Command(string action, object request) => new(action, request, DemoOfficer, "demo-data");

    static async Task<CommandReply> Run(Task<CommandReply> command, Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new InvalidOperationException($"Demo request is not valid: {JsonSerializer.Serialize(errors)}");
        var reply = await command;
        if (!reply.Succeeded) throw new InvalidOperationException($"Demo command refused: {reply.Body ?? reply.Problem?.Detail}");
        return reply;
    }

    /// <summary>A complete application for the service, on a channel the service takes.</summary>
    static SubmitApplication.Request Request(ServiceDefinition service, SubmitApplication.ApplicantDto holder, DateOnly submittedOn, Random random)
    {
        var channel = service.Channels[random.Next(service.Channels.Count)];
        var attestation = service.Result == DocumentKind.Attestation;
        return new(service.Code, channel.Slug(), submittedOn, holder,
            attestation ? [ServiceCatalogue.Sectors[random.Next(ServiceCatalogue.Sectors.Count)]] : [],
            attestation ? [ServiceCatalogue.ActivitySubTypes[random.Next(ServiceCatalogue.ActivitySubTypes.Count)]] : [],
            service.Fields.Any(f => f.Name == "subjects") ? [new SubmitApplication.SubjectDto(Subjects[random.Next(Subjects.Length)], null)] : [],
            service.ExpertConclusionRequired ? new SubmitApplication.ExpertConclusionDto("ТОО «Сараптама Орталығы»", $"EX-{submittedOn:yyyyMMdd}", submittedOn.AddDays(-20)) : null,
            [.. service.DocumentsFor(channel).Select(d => new SubmitApplication.AttachedDocumentDto(d.Code, d.Title.Ru))],
            null);
    }

    public static SubmitApplication.ApplicantDto NewHolder(Random random, int index)
    {
        var root = Roots[index % Roots.Length];
        var suffix = Suffixes[index / Roots.Length % Suffixes.Length];
        if (root.EndsWith(suffix, StringComparison.Ordinal)) suffix = "";
        var name = $"{LegalForms[random.Next(LegalForms.Length)]} «{root}{suffix}{(index >= Roots.Length * Suffixes.Length ? $" {index}" : "")}»";
        return new SubmitApplication.ApplicantDto(ApplicantType.LegalEntity.Slug(), NewBin(random), name, $"{Regions[index % Regions.Length]}, ул. Абая, {random.Next(1, 200)}",
            $"+7701{random.Next(1000000, 9999999)}", Regions[index % Regions.Length]);
    }

    /// <summary>A BIN: registration year and month, 4 (legal entity), 0 (head office), five digits, the check digit.</summary>
    public static string NewBin(Random random)
    {
        while (true)
        {
            var first11 = $"{random.Next(0, 25):D2}{random.Next(1, 13):D2}40{random.Next(0, 100000):D5}";
            var check = TaxpayerNumber.CheckDigit(first11);
            if (check >= 0) return first11 + check;
        }
    }
}
