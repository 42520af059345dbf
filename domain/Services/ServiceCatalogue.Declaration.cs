using Registry.Domain.Documents;

namespace Registry.Domain.Services;

public static partial class ServiceCatalogue
{
    static ServiceDefinition Declaration() => new()
    {
        Number = 3,
        Code = "declaration",
        Result = DocumentKind.Declaration,
        Name = Quote("Өнеркәсіптік қауіпсіздік декларацияларын тіркеу", "Регистрация деклараций промышленной безопасности", "1", 24, 4513),
        ResultName = new("Декларацияның тіркеу шифры", "Регистрационный шифр декларации"),
        Provider = IndustrialSafetyCommittee,
        ProviderAddress = CommitteeRoom701,
        Applicants = [ApplicantType.Individual, ApplicantType.LegalEntity],
        ApplicantsSeed = SeedRef.At("6", 4545),
        Deadline = new(15, DeadlineBasis.CalendarDays),
        DeadlineSeed = SeedRef.At("7", 4551),
        ExpertConclusionRequired = true,
        Channels = Everywhere,
        Form = new(FreeForm: false,
            [new("қоса берілген декларацияны қарап, тіркеу шифрын беру туралы өтініш", "просьба рассмотреть приложенную декларацию и присвоить регистрационный шифр")],
            HeadOfOrganisation, SeedRef.At("annex 2", 6575, 6611)),
        Documents =
        [
            new("application", new("Өтініш", "Заявление"), Everywhere)
            {
                Wording =
                [
                    On(CommitteeOrCentre,
                        "Комитетте осы стандартқа 2-қосымшаға сәйкес электрондық құжат нысанында өтініш немесе Орталықта Орталық қызметкерінің ЭЦҚ-сымен куәландырылған электрондық құжат нысанында өтініш",
                        "В Комитете — заявление по форме приложения 2 в форме электронного документа, в Центре — заявление в форме электронного документа, удостоверенного ЭЦП работника Центра",
                        "11", 4597),
                    On(PortalOnly, "мемлекеттік қызметті алушының ЭЦҚ-сымен куәландырылған электрондық құжат нысанындағы өтініш",
                        "заявление в форме электронного документа, удостоверенного ЭЦП получателя услуги", "11", 4605),
                ],
            },
            new("declaration", new("Өнеркәсіптік қауіпсіздік декларациясы", "Декларация промышленной безопасности"), Everywhere)
            {
                Wording =
                [
                    On(CommitteeOrCentre, "электрондық құжат түрінде өнеркәсіптік қауіпсіздік декларациясын",
                        "декларация промышленной безопасности в форме электронного документа", "11", 4599),
                    On(PortalOnly, "өнеркәсіптік қауіпсіздік декларациясын мемлекеттік қызметті алушының ЭЦҚ-сымен куәландырылған электрондық құжат түрінде",
                        "декларация промышленной безопасности в форме электронного документа, удостоверенного ЭЦП получателя услуги", "11", 4607),
                ],
            },
            new("expert-conclusion", new("Сараптамалық қорытынды", "Экспертное заключение"), Everywhere)
            {
                Wording =
                [
                    On(Everywhere, "сканерленген көшірмесі түріндегі сараптамалық қорытынды құжатты",
                        "экспертное заключение в виде сканированной копии", "11", 4601, 4609),
                ],
            },
        ],
        Fields =
        [
            // The form has no blank for the facility; the declaration describes it (l. 4615–4621). Optional, for search.
            new("subjects", new("Декларацияланатын объект", "Декларируемый объект"), Required: false, SeedRef.At("11", 4615, 4621)),
        ],
        RefusalGrounds =
        [
            IncompleteInformation1To3 with { Seed = SeedRef.At("16", 4721) },
            new("industrial-safety-requirements-not-met",
                new("ұйым өнеркәсіптік қауіпсіздік талаптарына сәйкес келмеген", "Организация не соответствует требованиям промышленной безопасности"),
                SeedRef.At("16", 4721), OrganisationSlip),
        ],
        ElectronicRequestGrounds =
        [
            NotAccepted("restricted-access",
                "сұратылатын электрондық ақпараттық ресурстарға қатысты сұрау салуды жіберген тұлғаның қолжетімділік шектеуі болса және сұратылатын электрондық ақпараттық ресурстарға қол жеткізу құқығы болмаса",
                RestrictedAccessRu, 4727),
            NotAccepted("resource-not-held",
                "Комитетте сұратылатын электрондық ақпараттық ресурстар болмаса және ол кімнің қарамағында екені оған белгісіз болса", ResourceNotHeldRu, 4729),
            NotAccepted("request-unclear",
                "сұраудың мәнін нақтылау кезінде сұрап отырған тұлға нақты қандай электрондық ақпараттық ресурсты беру туралы өтініш жасап отырғаны анықталмаса",
                RequestUnclearRu, 4731),
        ],
        IntakeProofs = [Talon(4687), CentreReceipt(4689, 4701), PortalNotification(4703)],
        ResultForm = ElectronicWithPaperOnRequest with { Seed = SeedRef.At("5", 4539, 4541) },
        Delivery = [InPersonAtCommittee(4709), AtCentreWindow(4711), ToPersonalCabinet(4713)],
        Schedules =
        [
            CommitteeHours(4565), Mailbox(4567), CentreHours(4571, ScheduleDays.MondayToSaturdayExceptSundaysAndHolidays, withoutBreak: true), PortalHours(4577),
        ],
        DeemedResult = new("Өнеркәсіптік қауіпсіздік декларациясы тіркелді деп есептеледі", "Декларация промышленной безопасности считается зарегистрированной"),
        DeemedQuote = Quote("өнеркәсіптік қауіпсіздік декларациясы тіркелген болып есептеледі", "декларация промышленной безопасности считается зарегистрированной", "16", 4737),
        LegalBasis = new(
            [
                Quote("«Қауіпті өндірістік объектілердегі өнеркәсіптік қауіпсіздік туралы» 2002 жылғы 3 сәуірдегі Қазақстан Республикасы Заңының 14-13-бабы",
                    "статья 14-13 Закона Республики Казахстан от 3 апреля 2002 года «О промышленной безопасности на опасных производственных объектах»", "3", 4521),
                Quote("«Ақпараттандыру туралы» 2007 жылғы 11 қаңтардағы Қазақстан Республикасы Заңының 29-бабы",
                    "статья 29 Закона Республики Казахстан от 11 января 2007 года «Об информатизации»", "3", 4521),
            ],
            FormCites: Quote("Республикасы Заңының 11-1-бабын басшылыққа ала отырып",
                "руководствуясь статьёй 11-1 Закона Республики Казахстан «О промышленной безопасности на опасных производственных объектах»", "annex 2", 6599),
            Conflict: new(
                "Стандарттың 3-тармағы Заңның 14-13-бабын (1-қызметтегідей) атайды, ал 2-қосымшадағы өтініш нысаны — 11-1-бабын. Тізілім екеуін де көрсетеді, біреуін таңдамайды.",
                "Пункт 3 стандарта называет статью 14-13 Закона (как стандарт 1), а форма заявления в приложении 2 — статью 11-1. Реестр приводит обе ссылки и не выбирает одну.")),
        ComplaintRoutes = ComplaintRoutes(CommitteeRoom701, 4765, 4769, 4773),
        Complaints = ComplaintRulesAt(4781, 4783, 4787, 4793, 4795, 4789, 4797),
        SuspensionStarts = SuspensionStart.ApplicantNotified,
        SuspensionSeed = SeedRef.At("16", 4719),
        QualityIndicators = Indicators("annex 3", [6636, 6649, 6662, 6673, 6686, 6699], fireService: false),
        QualityTargetsSeed = SeedRef.At("19", 4753),
    };
}
