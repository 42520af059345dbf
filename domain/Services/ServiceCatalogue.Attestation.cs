using Registry.Domain.Documents;

namespace Registry.Domain.Services;

public static partial class ServiceCatalogue
{
    static readonly Text CommitteeRoom701 = new(
        "010000, Астана қаласы, Орынбор көшесі, 8-үй, «Министрліктер үйі» ғимараты, № 2 кіреберіс, 7-қабат, № 701-кабинет",
        "010000, г. Астана, ул. Орынбор, 8, здание «Дом министерств», подъезд № 2, 7 этаж, кабинет № 701");

    static readonly ResultForm ElectronicWithPaperOnRequest = new(ResultMedium.ElectronicDocument, [Channel.Committee, Channel.Centre],
        new("Уәкілетті тұлғаның ЭЦҚ-сымен куәландырылған электрондық құжат; Комитетке немесе Орталыққа жүгінгенде қағаз жеткізгіште басып шығарылады, мөрмен бекітіледі, басшы қол қояды",
            "Электронный документ, удостоверенный ЭЦП уполномоченного лица; при обращении в Комитет или Центр выдаётся на бумаге: распечатывается, заверяется печатью и подписью руководителя"),
        new("Уәкілетті тұлғаның ЭЦҚ-сымен куәландырылған электрондық құжат түріндегі дәлелді жауап; порталда — «жеке кабинетке»",
            "Мотивированный ответ в форме электронного документа, удостоверенного ЭЦП уполномоченного лица; на портале — в «личный кабинет»"),
        SeedRef.At("5", 88, 92));

    static readonly Ground IncompleteInformation1To3 = new("incomplete-information",
        new("Мемлекеттік қызметті алушы мәліметтерді толық ұсынбаған", "Получатель государственной услуги представил сведения не в полном объёме"), SeedRef.At("16", 278));

    static ServiceDefinition Attestation() => new()
    {
        Number = 1,
        Code = "attestation",
        Result = DocumentKind.Attestation,
        Name = Quote("Ұйымдарды өнеркәсіптік қауіпсіздік саласында жұмыстар жүргізу құқығына аттестаттау",
            "Аттестация организаций на право проведения работ в области промышленной безопасности", "1", 18, 62),
        ResultName = new("Аттестат", "Аттестат"),
        Provider = IndustrialSafetyCommittee,
        ProviderAddress = CommitteeRoom701,
        Applicants = [ApplicantType.LegalEntity],
        ApplicantsSeed = SeedRef.At("6", 96),
        Deadline = new(15, DeadlineBasis.WorkingDays),
        DeadlineSeed = SeedRef.At("7", 102),
        ExpertConclusionRequired = true,
        Channels = Everywhere,
        Form = new(FreeForm: false,
            [new("өнеркәсіп саласы", "отрасль промышленности"), new("қызметтің кіші түрі", "подвид деятельности")],
            HeadOfOrganisation, SeedRef.At("annex 2", 2141, 2195)),
        Documents =
        [
            new("application", new("Өтініш", "Заявление"), Everywhere)
            {
                Wording =
                [
                    On(CommitteeOrCentre,
                        "Комитетте осы стандартқа 2-қосымшаға сәйкес өнеркәсіп саласын және жүзеге асыратын қызмет түрін көрсете отырып, электрондық құжат нысанында өтініш немесе Орталықта Орталық қызметкерінің ЭЦҚ-сымен куәландырылған электрондық құжат нысанындағы өтініш",
                        "В Комитете — заявление по форме приложения 2 в форме электронного документа с указанием отрасли промышленности и вида осуществляемой деятельности, в Центре — заявление в форме электронного документа, удостоверенного ЭЦП работника Центра",
                        "11", 148),
                    On(PortalOnly,
                        "мемлекеттік қызметті алушының ЭЦҚ-сымен куәландырылған, өнеркәсіп саласын және жүзеге асыратын қызмет түрін көрсете отырып, электрондық құжат нысанындағы өтініш",
                        "заявление в форме электронного документа, удостоверенного ЭЦП получателя услуги, с указанием отрасли промышленности и вида осуществляемой деятельности",
                        "11", 154),
                ],
            },
            new("expert-conclusion", new("Сараптамалық қорытынды", "Экспертное заключение"), Everywhere)
            {
                Wording =
                [
                    On(Everywhere,
                        "ұйымның өнеркәсіптік қауіпсіздік талаптарына сәйкестігі туралы құжаттың сканерленген көшірмесі түріндегі сараптамалық қорытынды",
                        "экспертное заключение о соответствии организации требованиям промышленной безопасности в виде сканированной копии документа",
                        "11", 150, 156),
                ],
            },
        ],
        Fields =
        [
            new("sectors", new("Өнеркәсіп саласы", "Отрасль промышленности"), Required: true, SeedRef.At("annex 2", 2177, 2179)),
            new("activities", new("Қызметтің кіші түрі", "Подвид деятельности"), Required: true, SeedRef.At("annex 2", 2183, 2185)),
        ],
        RefusalGrounds =
        [
            IncompleteInformation1To3,
            new("industrial-safety-requirements-not-met",
                new("ұйым өнеркәсіптік қауіпсіздік талаптарына сәйкес келмеген", "Организация не соответствует требованиям промышленной безопасности"),
                SeedRef.At("16", 278)),
        ],
        ElectronicRequestGrounds =
        [
            NotAccepted("restricted-access",
                "сұратылатын электрондық ақпараттық ресурстарға қатысты қолжетімділік шектеулі болса және сұрау салуды жіберген тұлғаның сұратылатын электрондық ақпараттық ресурстарға қол жеткізу құқығы болмаса",
                RestrictedAccessRu, 284),
            NotAccepted("resource-not-held",
                "Комитетте сұратылатын электрондық ақпараттық ресурстар болмаса және ол кімнің қарамағында екені оған белгісіз болса", ResourceNotHeldRu, 286),
            NotAccepted("request-unclear",
                "сұраудың мәнін нақтылау кезінде сұрау салған тұлғаның нақты қандай электрондық ақпараттық ресурсты беру туралы өтініш жасап отырғаны анықталмаса",
                RequestUnclearRu, 288),
        ],
        IntakeProofs = [Talon(244), CentreReceipt(246, 258), PortalNotification(260)],
        ResultForm = ElectronicWithPaperOnRequest,
        Delivery = [InPersonAtCommittee(266), AtCentreWindow(268), ToPersonalCabinet(270)],
        Schedules =
        [
            CommitteeHours(116), Mailbox(118), CentreHours(122, ScheduleDays.MondayToSaturdayExceptSundaysAndHolidays, withoutBreak: true), PortalHours(128),
        ],
        DeemedResult = new("Аттестат берілді деп есептеледі", "Аттестат считается выданным"),
        DeemedQuote = Quote("аттестат берілген болып есептеледі", "аттестат считается выданным", "16", 292),
        LegalBasis = new(
            [
                Quote("«Қауіпті өндірістік объектілердегі өнеркәсіптік қауіпсіздік туралы» 2002 жылғы 3 сәуірдегі Қазақстан Республикасы Заңының 14-13-бабы",
                    "статья 14-13 Закона Республики Казахстан от 3 апреля 2002 года «О промышленной безопасности на опасных производственных объектах»", "3", 70),
                Quote("«Ақпараттандыру туралы» 2007 жылғы 11 қаңтардағы Қазақстан Республикасы Заңының 29-бабы",
                    "статья 29 Закона Республики Казахстан от 11 января 2007 года «Об информатизации»", "3", 70),
            ], FormCites: null, Conflict: null),
        ComplaintRoutes = ComplaintRoutes(CommitteeRoom701, 320, 324, 328),
        Complaints = ComplaintRulesAt(336, 338, 342, 348, 350, 344, 352),
        SuspensionStarts = SuspensionStart.ApplicantNotified,
        SuspensionSeed = SeedRef.At("16", 276),
        QualityIndicators = Indicators("annex 3", [2224, 2237, 2250, 2261, 2274, 2287], fireService: false),
        QualityTargetsSeed = SeedRef.At("19", 308),
    };
}
