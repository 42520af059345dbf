using Registry.Domain.Documents;

namespace Registry.Domain.Services;

/// <summary>
/// The six state services of decree No. 1068 of 22 August 2012, each standard as restated by decree No. 378 of
/// 19 April 2013 (data/decree/decree-1068.txt; digest: SERVICES.md). Kazakh texts that quote the seed are verbatim and
/// carry their line; Russian texts are translations. Where the seed is silent nothing is filled in here.
/// </summary>
public static partial class ServiceCatalogue
{
    public const int CompletenessCheckWorkingDays = 2;
    public const int ExpertConclusionValidityMonths = 3;
    public const int MaxQueueWaitMinutes = 20;

    public static readonly SeedRef DecreeDate = SeedRef.At("decree", 9, 43);

    public static readonly Text IndustrialSafetyCommittee = new(
        "Қазақстан Республикасы Төтенше жағдайлар министрлігінің Төтенше жағдайларды және өнеркәсіптік қауіпсіздікті мемлекеттік бақылау комитеті",
        "Комитет по государственному контролю за чрезвычайными ситуациями и промышленной безопасностью Министерства по чрезвычайным ситуациям Республики Казахстан");

    public static readonly Text FireServiceCommittee = new(
        "Қазақстан Республикасы Төтенше жағдайлар министрлігінің Өртке қарсы қызмет комитеті",
        "Комитет противопожарной службы Министерства по чрезвычайным ситуациям Республики Казахстан");

    /// <summary>l. 110/2347/4559/6761/8900/10932.</summary>
    public static readonly Text Fee = new("Тегін", "Бесплатно");

    public static readonly Text Complaints = new(
        "Нәтижемен келіспесеңіз — Министрліктің басшылығына немесе сотқа; дұрыс қызмет көрсетілмесе — Комитет төрағасына; Орталық қызметкеріне — Орталық басшысына немесе Орталық РМК басшысына. "
        + "Шағымда тегі, аты, әкесінің аты, пошталық мекенжайы, күні, қолы, шағым жасалатын лауазымды тұлға, себептері мен талаптары көрсетіледі; қабылданғаны туралы талон беріледі; жауап пошта арқылы жазбаша жіберіледі.",
        "При несогласии с результатом — руководству Министерства или в суд; при ненадлежащем оказании услуги — председателю Комитета; на работника Центра — руководителю Центра или РГП Центра. "
        + "В жалобе указываются фамилия, имя, отчество, почтовый адрес, дата, подпись, обжалуемое должностное лицо, причины и требования; о приёме выдаётся талон; ответ направляется письменно по почте.");

    public static IReadOnlyList<ServiceDefinition> All => Standards.All;

    public static ServiceDefinition? Find(string? code) => All.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.OrdinalIgnoreCase));

    public static ServiceDefinition Issuing(DocumentKind kind) => All.Single(s => s.Result == kind);

    static readonly Channel[] Everywhere = [Channel.Committee, Channel.Centre, Channel.Portal];
    static readonly Channel[] CommitteeOrCentre = [Channel.Committee, Channel.Centre];
    static readonly Channel[] PortalOnly = [Channel.Portal];

    static SeedQuote Quote(string kk, string ru, string paragraph, params int[] lines) => new(new(kk, ru), SeedRef.At(paragraph, lines));

    /// <summary>The form's signatory: «ұйым басшысы», also on the forms for services where individuals may apply (l. 4349, 6595).</summary>
    static readonly Text HeadOfOrganisation = new("ұйым басшысы", "руководитель организации");

    static ChannelWording On(Channel[] channels, string kk, string ru, string paragraph, params int[] lines) =>
        new(channels, Quote(kk, ru, paragraph, lines));

    // Paragraph 9: working schedules.
    static Schedule CommitteeHours(int line) => new(SchedulePlace.Committee, ScheduleDays.ExceptDaysOffAndHolidays,
        new(9, 0), new(18, 30), new(13, 0), new(14, 30), WithoutBreak: false, CollectedDailyAt: null,
        new("Демалыс және мереке күндерінен басқа, күн сайын 9.00–18.30, түскі үзіліс 13.00–14.30",
            "Ежедневно, кроме выходных и праздничных дней, 9:00–18:30, обеденный перерыв 13:00–14:30"), SeedRef.At("9", line));

    static Schedule Mailbox(int line) => new(SchedulePlace.Mailbox, ScheduleDays.EveryDay, null, null, null, null, WithoutBreak: null, new(18, 0),
        new("Ғимаратқа кіреберісте хат-хабарды қабылдауға арналған жәшік; хаттар күн сайын 18.00-де алынады",
            "Ящик для приёма корреспонденции у входа в здание; письма забираются ежедневно в 18:00"), SeedRef.At("9", line));

    static Schedule CentreHours(int line, ScheduleDays days, bool? withoutBreak) => new(SchedulePlace.Centre, days, new(9, 0), new(20, 0), null, null,
        withoutBreak, null,
        (days, withoutBreak) switch
        {
            (ScheduleDays.MondayToSaturdayExceptSundaysAndHolidays, true) => new(
                "Жексенбі және мереке күндерін қоспағанда, дүйсенбі–сенбі 9.00–20.00, үзіліссіз",
                "С понедельника по субботу, кроме воскресенья и праздничных дней, 9:00–20:00 без перерыва"),
            (ScheduleDays.MondayToSaturdayExceptSundaysAndHolidays, _) => new(
                "Жексенбі және мереке күндерін қоспағанда, дүйсенбі–сенбі 9.00–20.00",
                "С понедельника по субботу, кроме воскресенья и праздничных дней, 9:00–20:00"),
            _ => new(
                "Демалыс және мереке күндерін қоспағанда, дүйсенбі–сенбі 9.00–20.00",
                "С понедельника по субботу, кроме выходных и праздничных дней, 9:00–20:00"),
        }, SeedRef.At("9", line));

    static Schedule PortalHours(int line) => new(SchedulePlace.Portal, ScheduleDays.RoundTheClock, null, null, null, null, WithoutBreak: null, null,
        new("Тәулік бойы", "Круглосуточно"), SeedRef.At("9", line));

    // Paragraph 14: proof of intake.
    static IntakeProof Talon(int line) => new(Channel.Committee, IntakeProofKind.Talon,
        new("Құжатты қабылдау туралы талон", "Талон о приёме документов"),
        [new("мемлекеттік қызметті алатын күні", "дата получения государственной услуги")], SeedRef.At("14", line));

    static IntakeProof MarkedApplicationCopy(int first, int last) => new(Channel.Committee, IntakeProofKind.MarkedApplicationCopy,
        new("Белгілер қойылған өтініштің көшірмесі", "Копия заявления с отметками"),
        [
            new("қабылдаған күні", "дата приёма"),
            new("өтінішті қабылдаған адамның телефон нөмірі", "номер телефона лица, принявшего заявление"),
            new("өтінішті қабылдаған адамның қолы", "подпись лица, принявшего заявление"),
            new("мемлекеттік қызметті ұсыну күні", "дата оказания государственной услуги"),
        ], SeedRef.At("14", first, last));

    static IntakeProof CentreReceipt(int first, int last) => new(Channel.Centre, IntakeProofKind.CentreReceipt,
        new("Тиісті құжаттарды қабылдау туралы қолхат", "Расписка о приёме соответствующих документов"),
        [
            new("өтінімді қабылдау нөмірі мен күні", "номер и дата приёма запроса"),
            new("сұралып отырған мемлекеттік қызметтің түрі", "вид запрашиваемой государственной услуги"),
            new("қоса берілген құжаттардың саны мен атауы", "количество и названия приложенных документов"),
            new("құжаттарды беру күні (уақыты) мен орны", "дата (время) и место выдачи документов"),
            new("өтінішті қабылдаған орталық қызметкерінің тегі, аты, әкесінің аты", "фамилия, имя, отчество работника Центра, принявшего заявление"),
            new("мемлекеттік қызметті алушының және уәкілетті өкілдің тегі, аты, әкесінің аты, байланыс телефондары",
                "фамилия, имя, отчество получателя услуги и уполномоченного представителя, их контактные телефоны"),
        ], SeedRef.At("14", first, last));

    static IntakeProof PortalNotification(int line) => new(Channel.Portal, IntakeProofKind.PortalNotification,
        new("«Жеке кабинетке» жіберілетін хабарлама-есеп", "Уведомление-отчёт в «личный кабинет»"),
        [
            new("өтінімнің қабылданғаны", "о принятии запроса"),
            new("мемлекеттік қызмет нәтижесін алу күні мен уақыты", "дата и время получения результата государственной услуги"),
        ], SeedRef.At("14", line));

    // Paragraph 15: delivery of the result.
    static DeliveryOption InPersonAtCommittee(int line) => new(Channel.Committee, DeliveryMethod.InPerson,
        new("Комитетте қолма-қол: мемлекеттік қызметті алушының өзіне немесе сенімхат бойынша өкіліне",
            "В Комитете на руки: получателю услуги лично или представителю по доверенности"), SeedRef.At("15", line));

    static DeliveryOption ByPostFromCommittee(int line) => new(Channel.Committee, DeliveryMethod.Post,
        new("Өтініште көрсетілген мекенжайға пошта арқылы", "По почте на адрес, указанный в заявлении"), SeedRef.At("15", line));

    static DeliveryOption AtCentreWindow(int line) => new(Channel.Centre, DeliveryMethod.CentreWindow,
        new("Орталықта «терезе» арқылы, қолхат негізінде, онда көрсетілген мерзімде", "В Центре через «окно», на основании расписки, в указанный в ней срок"),
        SeedRef.At("15", line));

    static DeliveryOption ToPersonalCabinet(int line) => new(Channel.Portal, DeliveryMethod.PersonalCabinet,
        new("Порталдағы «жеке кабинетке»", "В «личный кабинет» на портале"), SeedRef.At("15", line));

    // Paragraph 16: grounds for not accepting an electronic request (services 1–4; wording differs slightly by standard).
    static Ground NotAccepted(string code, string kk, string ru, int line) => new(code, new(kk, ru), SeedRef.At("16", line));

    const string RestrictedAccessRu = "доступ к запрашиваемому электронному информационному ресурсу ограничен, и у лица, направившего запрос, нет права доступа к нему";
    const string ResourceNotHeldRu = "запрашиваемого электронного информационного ресурса в Комитете нет, и Комитету неизвестно, в чьём ведении он находится";
    const string RequestUnclearRu = "при уточнении сути запроса не удалось установить, какой именно электронный информационный ресурс просит предоставить запрашивающий";

    // Paragraphs 21–23: complaints.
    static IReadOnlyList<ComplaintRoute> ComplaintRoutes(Text committeeAddress, int para21, int para22, int para23) =>
    [
        new(ComplaintAddressee.MinistryLeadership,
            new("Мемлекеттік қызмет көрсету нәтижелерімен келіспеген жағдайда", "При несогласии с результатами оказания государственной услуги"),
            new("Министрліктің басшылығы", "Руководство Министерства"),
            new("010000, Астана қаласы, Орынбор көшесі, 8-үй, «Министрліктер үйі» ғимараты, № 2 кіреберіс, 5-қабат, 511-кабинет",
                "010000, г. Астана, ул. Орынбор, 8, здание «Дом министерств», подъезд № 2, 5 этаж, кабинет 511"),
            "8 (7172) 60-21-33", CommitteeHours(para21) with { Place = SchedulePlace.Ministry, Seed = SeedRef.At("21", para21) }, SeedRef.At("21", para21)),
        new(ComplaintAddressee.CommitteeChair,
            new("Дұрыс қызмет көрсетілмеген жағдайда", "При ненадлежащем оказании услуги"),
            new("Комитет төрағасы", "Председатель Комитета"), committeeAddress, null, null, SeedRef.At("22", para22)),
        new(ComplaintAddressee.CentreHead,
            new("Орталықтың қызметкері дұрыс қызмет көрсетпеген жағдайда", "При ненадлежащем обслуживании работником Центра"),
            new("Орталық басшысы немесе Орталық РМК басшысы", "Руководитель Центра или руководитель РГП Центра"), null, null, null, SeedRef.At("22", para22)),
        new(ComplaintAddressee.Court,
            new("Мемлекеттік қызмет көрсету нәтижелерімен келіспеген жағдайда", "При несогласии с результатами оказания государственной услуги"),
            new("Сот, Қазақстан Республикасының заңнамасында белгіленген тәртіппен", "Суд, в порядке, установленном законодательством Республики Казахстан"),
            null, null, null, SeedRef.At("23", para23)),
    ];

    // Paragraphs 24–25: complaints.
    static ComplaintRules ComplaintRulesAt(int contents, int reasons, int talon, int secondTalon, int answer, int reviewTerm, int? portal) => new(
        [
            new("мемлекеттік қызметті алушының тегі, аты, әкесінің аты", "фамилия, имя, отчество получателя услуги"),
            new("пошталық мекенжайы", "почтовый адрес"),
            new("шағымды беру күні", "дата подачи жалобы"),
            new("шағымды берген мемлекеттік қызметті алушының қолы", "подпись получателя услуги, подавшего жалобу"),
            new("шағым жасалып отырған лауазымды тұлғалардың лауазымы, аты-жөні", "должность, фамилия и имя обжалуемых должностных лиц"),
            new("жүгіну себептері мен талаптары", "причины обращения и требования"),
        ], SeedRef.At("24", contents, reasons),
        [
            new("нөмірі", "номер"),
            new("шағымды беру күні мен уақыты", "дата и время подачи жалобы"),
            new("шағымға жауап алу мерзімі мен орны", "срок и место получения ответа на жалобу"),
            new("шағымды қабылдаған лауазымды адамның тегі мен аты-жөні", "фамилия и имя должностного лица, принявшего жалобу"),
            new("байланыс деректері", "контактные данные"),
        ], SeedRef.At("25", talon, secondTalon),
        DeliveryMethod.Post, SeedRef.At("25", answer), AnswerWithinDays: null, SeedRef.At("25", reviewTerm),
        portal is null ? [] :
        [
            new("жеткізу", "доставлено"), new("тіркеу", "зарегистрировано"), new("орындалу", "исполнено"), new("қарау", "рассмотрено"),
            new("қараудан бас тарту", "отказано в рассмотрении"),
        ], portal is { } line ? SeedRef.At("25", line) : null);

    // Annex 3 (services 1–4) or annex 2 (5–6): quality indicators; the wording differs slightly between the two groups.
    static IReadOnlyList<QualityIndicator> Indicators(string annex, int[] lines, bool fireService, string? accessibility = null)
    {
        string[] kk = fireService
            ?
            [
                "Құжат тапсырылған сәттен бастап белгіленген мерзімде қызмет көрсету жағдайларының %-ы (үлесі)",
                "Қызмет көрсету үдерісінің сапасына қанағаттанған тұтынушылардың %-ы (үлесі)",
                "Қызмет көрсету сапасы мен оның тәртібі туралы ақпаратқа қанағаттанған тұтынушылардың %-ы (үлесі)",
                accessibility ?? "Ақпаратқа электрондық форматта қол жеткізуге болатын қызметтің %-ы (үлесі)",
                "Шағымданудың қолданыстағы тәртібіне қанағаттанған тұтынушылардың %-ы (үлесі)",
                "Персоналдың сыпайылылығына қанағаттанған тұтынушылардың %-ы (үлесі)",
            ]
            :
            [
                "Құжаттарды тапсырған сәттен бастап белгіленген мерзімде қызметті ұсыну жағдайларының %-ы (үлесі)",
                "Қызметті ұсыну үдерісінің сапасына қанағаттанған тұтынушылардың %-ы (үлесі)",
                "Қызметті ұсынудың сапасына және оны ұсыну тәртібі туралы ақпаратқа қанағаттанған тұтынушылардың %-ы (үлесі)",
                "Ақпаратқа электрондық форматта қол жеткізуге болатын қызметтер %-ы (үлесі)",
                "Шағымданудың қолданыстағы тәртібіне қанағаттанған тұтынушылардың %-ы (үлесі)",
                "Персоналдың сыпайылығына қанағаттанған тұтынушылардың %-ы (үлесі)",
            ];
        string[] ru =
        [
            "Доля (%) случаев оказания услуги в установленный срок с момента сдачи документов",
            "Доля (%) потребителей, удовлетворённых качеством процесса оказания услуги",
            "Доля (%) потребителей, удовлетворённых качеством оказания услуги и информацией о порядке её оказания",
            "Доля (%) услуг, информация о которых доступна в электронном формате",
            "Доля (%) потребителей, удовлетворённых существующим порядком обжалования",
            "Доля (%) потребителей, удовлетворённых вежливостью персонала",
        ];
        string[] codes = ["1.1", "2.1", "3.1", "3.2", "4.1", "5.1"];
        IndicatorSource[] sources =
            [IndicatorSource.RegistryDates, IndicatorSource.Survey, IndicatorSource.Survey, IndicatorSource.ServiceCatalogue, IndicatorSource.Survey, IndicatorSource.Survey];
        return [.. codes.Select((code, i) => new QualityIndicator(code, Quote(kk[i], ru[i], annex, lines[i]), sources[i]))];
    }

    /// <summary>Built on first use, after every shared text above exists: static fields of a partial class initialise in
    /// an unspecified order across its files.</summary>
    static class Standards
    {
        public static readonly IReadOnlyList<ServiceDefinition> All =
            [Attestation(), Permit(), Declaration(), Accreditation(), FireEquipmentConclusion(), StandardAgreement()];
    }
}
