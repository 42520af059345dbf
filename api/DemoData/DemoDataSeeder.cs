using Dapper;
using Npgsql;
using Registry.Api.Features.Applications;
using Registry.Domain.Documents;
using Registry.Domain.Identifiers;

namespace Registry.Api.DemoData;

/// <summary>
/// A deterministic demo registry (DemoData:Documents issued documents, default 2,400, plus some refused applications)
/// written through the same issuance code the API uses, so the outbox and projector build the public read model.
/// Runs only when DemoData:Seed is true and nothing has been issued yet.
/// </summary>
public static class DemoDataSeeder
{
    public const string DemoOfficer = "demo-seed";

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
    public static readonly string[] Sectors = ["oil-and-gas", "mining", "chemical", "power", "metallurgy", "gas-supply", "lifting-equipment", "explosives"];
    static readonly string[] Activities = ["industrial-safety-expertise", "emergency-rescue-works", "specialist-training", "technical-diagnostics", "hazardous-facility-design"];
    public static readonly string[] Subjects =
    [
        "Буровая установка БУ-2500", "Взрывчатое вещество Гранулит АС-8", "Подъёмный кран КС-55713", "Газовый котёл Vitoplex 200",
        "Технология подземного выщелачивания урана", "Резервуар РВС-5000", "Огнетушитель ОП-5", "Пожарный рукав 51 мм", "Спринклер СВН-15",
        "Станция пожарной сигнализации Рубеж-2ОП", "Стандарт организации СТ ТОО 1234-2025", "Опасный производственный объект: нефтебаза Атырау",
    ];

    public static async Task SeedDemoDataIfAskedAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("DemoData:Seed", false)) return;
        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await dataSource.OpenConnectionAsync();
        if (await conn.ExecuteScalarAsync<bool>("select exists (select 1 from documents)")) return;
        var count = app.Configuration.GetValue("DemoData:Documents", 2400);
        await SeedAsync(conn, count, app.Lifetime.ApplicationStopping);
        app.Logger.LogInformation("Seeded {Count} demo documents", count);
    }

    public static async Task SeedAsync(NpgsqlConnection conn, int documents, CancellationToken ct)
    {
        var random = new Random(20121068);
        var holders = Enumerable.Range(0, Math.Max(10, documents / 3)).Select(i => NewHolder(random, i)).ToList();
        var start = new DateOnly(2024, 1, 9);
        const int batch = 200;
        for (var done = 0; done < documents; done += batch)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            for (var i = done; i < Math.Min(documents, done + batch); i++)
            {
                var kind = DocumentKinds.All[i % DocumentKinds.All.Count];
                var holder = holders[random.Next(holders.Count)];
                var submittedOn = start.AddDays(i * 1000 / documents);
                var applicationId = await RecordApplicationAsync(conn, tx, kind, holder, submittedOn, random, ct);
                var holderId = await conn.ExecuteScalarAsync<Guid>(new CommandDefinition(
                    "select applicant_id from applications where id = @applicationId", new { applicationId }, tx, cancellationToken: ct));
                if (i % 25 == 24)
                {
                    await conn.ExecuteAsync(new CommandDefinition("""
                        update applications set status = 'refused', version = version + 1 where id = @applicationId;
                        insert into application_refusals (application_id, reasons, refused_on, refused_by) values (@applicationId, @reasons, @refusedOn, @officer)
                        """, new { applicationId, reasons = new[] { "Сараптама қорытындысы толық емес / Заключение экспертизы неполное" }, refusedOn = submittedOn.AddDays(10), officer = DemoOfficer },
                        tx, cancellationToken: ct));
                    continue;
                }
                await DocumentIssuance.IssueAsync(conn, tx, applicationId, kind, holderId, submittedOn.AddDays(12), validUntil: null, deemed: i % 40 == 7, DemoOfficer, ct);
                await conn.ExecuteAsync(new CommandDefinition("update applications set status = 'issued', version = version + 1 where id = @applicationId",
                    new { applicationId }, tx, cancellationToken: ct));
            }
            await tx.CommitAsync(ct);
        }
    }

    static async Task<Guid> RecordApplicationAsync(NpgsqlConnection conn, NpgsqlTransaction tx, DocumentKind kind, SubmitApplication.ApplicantDto holder,
        DateOnly submittedOn, Random random, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var applicantId = await Applicants.UpsertAsync(conn, tx, holder, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into applications (id, service, applicant_id, channel, status, submitted_on, accepted_by) values (@id, @service, @applicantId, @channel, 'submitted', @submittedOn, @officer);
            insert into application_sectors (application_id, sector) values (@id, @sector);
            insert into application_activities (application_id, activity) select @id, @activity where @kind = 'attestation';
            insert into application_subjects (application_id, ordinal, name) select @id, 1, @subject where @kind <> 'attestation';
            """, new
        {
            id, service = kind.Slug(), kind = kind.Slug(), applicantId, channel = random.Next(3) switch { 0 => "committee", 1 => "centre", _ => "portal" }, submittedOn,
            officer = DemoOfficer, sector = Sectors[random.Next(Sectors.Length)], activity = Activities[random.Next(Activities.Length)], subject = Subjects[random.Next(Subjects.Length)],
        }, tx, cancellationToken: ct));
        return id;
    }

    public static SubmitApplication.ApplicantDto NewHolder(Random random, int index)
    {
        var root = Roots[index % Roots.Length];
        var suffix = Suffixes[index / Roots.Length % Suffixes.Length];
        if (root.EndsWith(suffix, StringComparison.Ordinal)) suffix = "";
        var name = $"{LegalForms[random.Next(LegalForms.Length)]} «{root}{suffix}{(index >= Roots.Length * Suffixes.Length ? $" {index}" : "")}»";
        return new SubmitApplication.ApplicantDto("legal-entity", NewBin(random), name, $"{Regions[index % Regions.Length]}, ул. Абая, {random.Next(1, 200)}",
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
