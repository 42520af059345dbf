using Registry.Domain.Documents;

namespace Registry.Domain.Services;

/// <summary>The six state services of decree No. 1068 (2012), as restated by decree No. 378 (2013).</summary>
public static class ServiceCatalogue
{
    public const int CompletenessCheckWorkingDays = 2;
    public const int ExpertConclusionValidityMonths = 3;

    static readonly Channel[] Everywhere = [Channel.Committee, Channel.Centre, Channel.Portal];
    static readonly Channel[] InPerson = [Channel.Committee, Channel.Centre];

    public static readonly Text IndustrialSafetyCommittee = new(
        "ҚР ТЖМ Төтенше жағдайлар және өнеркәсіптік қауіпсіздікті мемлекеттік бақылау комитеті",
        "Комитет по государственному контролю за чрезвычайными ситуациями и промышленной безопасностью МЧС РК");

    public static readonly Text FireServiceCommittee = new("ҚР ТЖМ Өртке қарсы қызмет комитеті", "Комитет противопожарной службы МЧС РК");

    public static readonly Text Fee = new("Тегін", "Бесплатно");

    public static readonly Text CommitteeHours = new(
        "Жұмыс күндері 9:00–18:30, түскі үзіліс 13:00–14:30; пошта жәшігі күн сайын 18:00-де босатылады",
        "Рабочие дни 9:00–18:30, обед 13:00–14:30; почтовый ящик освобождается ежедневно в 18:00");

    public static readonly Text CentreHours = new(
        "ХҚО: дүйсенбі–сенбі 9:00–20:00, түскі үзіліссіз; портал тәулік бойы",
        "ЦОН: понедельник–суббота 9:00–20:00 без перерыва; портал круглосуточно");

    public static readonly Text Complaints = new(
        "Лауазымды тұлғалардың әрекетіне — Комитет төрағасына; нәтижеге — Министрлік басшылығына; ХҚО қызметкерлеріне — ХҚО басшысына; немесе сотқа. "
        + "Шағымда өтініш берушінің аты-жөні, пошталық мекенжайы, күні, қолы, шағым жасалатын тұлға және себептері көрсетіледі; қабылданғаны туралы талон беріледі.",
        "На действия должностных лиц — председателю Комитета; на результат — руководству Министерства; на работников ЦОН — руководителю ЦОН; либо в суд. "
        + "В жалобе указываются ФИО заявителя, почтовый адрес, дата, подпись, обжалуемое лицо и причины; о приёме выдаётся талон.");

    /// <summary>Result form of services 1–3 (l. 88–92, 2333–2335, 4539–4541).</summary>
    static readonly Text ElectronicWithPaperOnRequest = new(
        "ЭЦҚ-мен қол қойылған электрондық құжат; сұрау бойынша Комитетте немесе ХҚО-да басып шығарылып, мөрмен және басшының қолымен беріледі",
        "Электронный документ, подписанный ЭЦП; по запросу в Комитете или ЦОН выдаётся распечатанным, с печатью и подписью руководителя");

    static readonly RequiredDocument Application = new("application", new("Өтініш (2-қосымшадағы нысан)", "Заявление (форма приложения 2)"), Everywhere);

    static readonly RequiredDocument ExpertConclusion = new("expert-conclusion",
        new("Өнеркәсіптік қауіпсіздік сараптамасының қорытындысы", "Заключение экспертизы промышленной безопасности"), Everywhere);

    public static readonly IReadOnlyList<string> Sectors = ["oil-and-gas", "mining", "chemical", "power", "metallurgy", "gas-supply", "lifting-equipment", "explosives"];

    public static readonly IReadOnlyList<string> ActivitySubTypes =
        ["industrial-safety-expertise", "emergency-rescue-works", "specialist-training", "technical-diagnostics", "hazardous-facility-design"];

    public static readonly IReadOnlyList<ServiceDefinition> All =
    [
        new("attestation", DocumentKind.Attestation,
            new("Өнеркәсіптік қауіпсіздік саласындағы жұмыстарды жүргізу құқығына ұйымдарды аттестаттау",
                "Аттестация организаций на право проведения работ в области промышленной безопасности"),
            new("Аттестат", "Аттестат"), ElectronicWithPaperOnRequest, IndustrialSafetyCommittee,
            [ApplicantType.LegalEntity], new(15, DeadlineBasis.WorkingDays), ExpertConclusionRequired: true, Everywhere,
            [Application, ExpertConclusion],
            [
                new("sectors", new("Өнеркәсіп салалары", "Отрасли промышленности"), Required: true, Sectors),
                new("activities", new("Қызмет түрінің кіші түрлері", "Подвиды деятельности"), Required: true, ActivitySubTypes),
            ],
            new("Аттестат берілді деп есептеледі", "Аттестат считается выданным"),
            "Закон РК «О промышленной безопасности на опасных производственных объектах» от 3 апреля 2002 г., ст. 14-13"),

        new("permit", DocumentKind.Permit,
            new("Технологияларды, техникалық құрылғыларды, материалдарды қолдануға рұқсат беру",
                "Выдача разрешения на применение технологий, технических устройств, материалов"),
            new("Рұқсат", "Разрешение"), ElectronicWithPaperOnRequest, IndustrialSafetyCommittee,
            [ApplicantType.Individual, ApplicantType.LegalEntity, ApplicantType.NonResident], new(15, DeadlineBasis.CalendarDays), ExpertConclusionRequired: true, Everywhere,
            [Application, ExpertConclusion],
            [new("subjects", new("Технологиялардың, құрылғылардың, материалдардың атаулары; мақсаты мен қолдану саласы", "Наименования технологий, устройств, материалов; назначение и область применения"), Required: true)],
            // The decree's permit standard says "attestation deemed issued": a drafting slip copied from standard 1.
            new("Рұқсат берілді деп есептеледі", "Разрешение считается выданным"),
            "Закон РК «О промышленной безопасности на опасных производственных объектах», ст. 14-10"),

        new("declaration", DocumentKind.Declaration,
            new("Өнеркәсіптік қауіпсіздік декларацияларын тіркеу", "Регистрация деклараций промышленной безопасности"),
            new("Тіркеу шифры", "Регистрационный шифр"), ElectronicWithPaperOnRequest, IndustrialSafetyCommittee,
            [ApplicantType.Individual, ApplicantType.LegalEntity], new(15, DeadlineBasis.CalendarDays), ExpertConclusionRequired: true, Everywhere,
            [Application, new("declaration", new("Өнеркәсіптік қауіпсіздік декларациясы", "Декларация промышленной безопасности"), Everywhere), ExpertConclusion],
            [new("subjects", new("Декларацияланатын қауіпті өндірістік объект", "Декларируемый опасный производственный объект"), Required: true)],
            new("Декларация тіркелді деп есептеледі", "Декларация считается зарегистрированной"),
            "Закон РК «О промышленной безопасности на опасных производственных объектах», ст. 11-1"),

        new("accreditation", DocumentKind.Accreditation,
            new("Өрт қауіптерін тәуелсіз бағалау жөніндегі ұйымдарды аккредиттеу", "Аккредитация организаций по независимой оценке рисков в области пожарной безопасности"),
            new("Аккредиттеу аттестаты", "Аттестат аккредитации"),
            // l. 6745–6747
            new("Комитеттің уәкілетті тұлғасының ЭЦҚ-мен қол қойылған электрондық құжат; қағаз түрінде — тек Комитетке жүгінгенде, Комитет басшысының қолымен",
                "Электронный документ, подписанный ЭЦП уполномоченного лица Комитета; на бумаге — только при обращении в Комитет, за подписью его руководителя"),
            FireServiceCommittee,
            [ApplicantType.LegalEntity], new(15, DeadlineBasis.WorkingDays), ExpertConclusionRequired: false, Everywhere,
            [
                Application,
                new("charter", new("Жарғының нотариалды куәландырылған көшірмесі", "Нотариально заверенная копия устава"), Everywhere),
                new("registration-certificate", new("Мемлекеттік тіркеу туралы куәліктің көшірмесі", "Копия свидетельства о государственной регистрации"), Everywhere),
                new("staff-qualifications", new("Қызметкерлердің білімі, өрт қызметіндегі тәжірибесі және арнайы даярлығы туралы құжаттардың нотариалды көшірмелері",
                    "Нотариальные копии документов об образовании, стаже в противопожарной службе и специальной подготовке работников"), Everywhere),
                new("premises-and-equipment", new("Үй-жай мен жабдықтың меншікте немесе заңды негізде болуын растайтын құжаттар",
                    "Документы о праве собственности или ином законном праве на помещения и оборудование"), Everywhere),
            ],
            [],
            new("Аккредиттеу аттестаты берілді деп есептеледі", "Аттестат аккредитации считается выданным"),
            "Закон РК «О пожарной безопасности» от 22 ноября 1996 г., ст. 25-2",
            RefusalDueWorkingDaysAfterProtocol: 5),

        new("fire-equipment-conclusion", DocumentKind.FireEquipmentConclusion,
            new("Қазақстанда өткізілетін отандық және импорттық өрт-техникалық өнімдерге қорытынды беру",
                "Выдача заключения на отечественную и импортируемую пожарную технику и средства пожаротушения, реализуемые в Казахстане"),
            new("Қорытынды", "Заключение"),
            new("Қағаз тасығыштағы қорытынды; поштамен немесе қолма-қол беріледі", "Заключение на бумажном носителе; по почте или на руки"), // l. 8888, 8958
            FireServiceCommittee,
            [ApplicantType.Individual, ApplicantType.LegalEntity], new(15, DeadlineBasis.CalendarDays), ExpertConclusionRequired: false, InPerson,
            [
                Application,
                new("product-documentation", new("Өнімге техникалық құжаттама", "Техническая документация на продукцию"), InPerson),
                new("conformity-certificate", new("Сәйкестік сертификатының көшірмесі", "Копия сертификата соответствия"), InPerson),
            ],
            [new("subjects", new("Өрт-техникалық өнімдер", "Пожарно-техническая продукция"), Required: true)],
            new("Қорытынды берілді деп есептеледі", "Заключение считается выданным"),
            "Технический регламент «Требования к безопасности пожарной техники для защиты объектов» (постановление № 16 от 16.01.2009), п. 286"),

        new("standard-agreement", DocumentKind.StandardAgreement,
            new("Шығарылатын өнімге ұйым стандарттарының жобаларын келісу", "Согласование проектов стандартов организаций на выпускаемую продукцию"),
            new("Келісу хаты", "Письмо о согласовании"),
            new("Келісу хаты және жобаға қол қою; келісілген жобалармен бірге поштамен немесе қолма-қол беріледі",
                "Письмо о согласовании и подпись на проекте; направляется с согласованными проектами по почте или выдаётся на руки"), // l. 10920, 10994
            FireServiceCommittee,
            [ApplicantType.Individual, ApplicantType.LegalEntity], new(15, DeadlineBasis.CalendarDays), ExpertConclusionRequired: false, InPerson,
            [Application, new("standard-draft", new("Ұйым стандартының жобасы", "Проект стандарта организации"), InPerson)],
            [new("subjects", new("Ұйым стандарттарының жобалары", "Проекты стандартов организации"), Required: true)],
            new("Стандарт келісілді деп есептеледі", "Стандарт считается согласованным"),
            "Закон РК «О пожарной безопасности»; постановление № 1068 от 23.08.2012"),
    ];

    public static ServiceDefinition? Find(string? code) => All.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));
}
