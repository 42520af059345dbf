using Registry.Domain.Complaints;
using Registry.Domain.Services;

namespace Registry.Api.Website;

/// <summary>The words of the complaint pages (how to complain, status by talon) and of the quality indicators page.</summary>
public static partial class Labels
{
    // How to complain (paras 20–25 of each standard)
    public static readonly Text ComplainTitle = new("Шағымдану тәртібі", "Порядок обжалования");
    public static readonly Text ComplainLead = new("Қызмет нәтижесіне, Комитеттің немесе Халыққа қызмет көрсету орталығы қызметкерінің әрекетіне шағымды кімге және қалай беруге болады.",
        "Кому и как подать жалобу на результат услуги, на действия Комитета или работника Центра обслуживания населения.");
    public static readonly Text ComplainDetails = new("Шағымдану тәртібі толығырақ", "Подробнее о порядке обжалования");
    public static readonly Text ComplaintRoutesTitle = new("Шағымды кімге беру керек", "Куда подавать жалобу");
    public static readonly Text ComplaintConcerning = new("Не туралы", "О чём жалоба");
    public static readonly Text ComplaintAddressee = new("Кімге", "Кому");
    public static readonly Text ComplaintAddress = new("Мекенжайы", "Адрес");
    public static readonly Text ComplaintPhone = new("Телефоны", "Телефон");
    public static readonly Text ComplaintHours = new("Қабылдау уақыты", "Часы приёма");
    public static readonly Text ComplaintAnswerTerm = new("Жауап беру мерзімі", "Срок ответа");
    public static readonly Text ComplaintTermSource = new("Мерзімнің көзі", "Источник срока");
    public static readonly Text ComplaintSeed = new("Стандарттың тармағы", "Пункт стандарта");
    public static readonly Text ComplaintAtCentre = new("Шағым берілген Орталықта", "В Центре, на работника которого подаётся жалоба");
    public static readonly Text CourtTitle = new("Сот", "Суд");
    public static readonly Text CourtRoute = new(
        "Нәтижемен келіспесеңіз, Қазақстан Республикасының заңнамасында белгіленген тәртіппен сотқа жүгінуге болады ({0}-тармақ). Сотқа шағымды өтініш берушінің өзі береді; тізілім оны тіркемейді.",
        "При несогласии с результатом можно обратиться в суд в порядке, установленном законодательством Республики Казахстан (пункт {0}). Иск в суд подаёт сам заявитель; реестр его не регистрирует.");
    public static readonly Text ComplaintHowFiled = new("Шағым жазбаша түрде пошта арқылы немесе Комитетке, Министрлікке, Орталыққа қолма-қол беріледі.",
        "Жалоба подаётся в письменном виде по почте или нарочно в Комитет, Министерство, Центр.");
    public static readonly Text ComplaintContentsTitle = new("Шағымда не көрсетіледі", "Что указать в жалобе");
    public static readonly Text TalonTitle = new("Қабылдау туралы талон", "Талон о приёме жалобы");
    public static readonly Text TalonLead = new("Шағымның қабылданғанын талон растайды. Онда:", "Приём жалобы подтверждает талон. В нём указываются:");
    public static readonly Text TalonAccessCode = new("Талонда шағымның мәртебесін осы сайтта тексеруге арналған қол жеткізу коды да басылады; ол тек бір рет көрсетіледі.",
        "На талоне печатается и код доступа для проверки статуса жалобы на этом сайте; он показывается один раз.");
    public static readonly Text ComplaintAnswerTitle = new("Жауап және оның мерзімі", "Ответ и его срок");
    public static readonly Text ComplaintAnswerByPost = new("Жауап шағымда көрсетілген пошталық мекенжайға пошта арқылы жазбаша жіберіледі.",
        "Ответ направляется письменно по почте на почтовый адрес, указанный в жалобе.");
    public static readonly Text ComplaintTermLead = new(
        "Стандарт күн санын белгілемейді: шағым жеке және заңды тұлғалардың өтініштерін қарау тәртібі туралы 2007 жылғы 12 қаңтардағы Заңда белгіленген тәртіппен және мерзімде қаралады ({0}-тармақ). Төмендегі мерзімдерді тізілім операторы баптайды және олардың көзін көрсетеді; жұмыс күндері өндірістік күнтізбе бойынша саналады.",
        "Стандарт не устанавливает число дней: жалоба рассматривается в порядке и сроки Закона от 12 января 2007 года о порядке рассмотрения обращений физических и юридических лиц (пункт {0}). Сроки ниже задаёт оператор реестра с указанием источника; рабочие дни считаются по производственному календарю.");
    public static readonly Text ComplaintStatusInvite = new("Шағым беріп қойдыңыз ба? Талондағы нөмір мен код бойынша оның мәртебесін тексеріңіз.",
        "Жалоба уже подана? Проверьте её статус по номеру и коду с талона.");

    public static string AnswerTermText(AnswerTerm term, Lang lang) => (term.Unit, lang == Lang.Ru) switch
    {
        (TermUnit.WorkingDays, true) => RussianPlural(term.Days, "рабочий день", "рабочих дня", "рабочих дней", lang),
        (TermUnit.CalendarDays, true) => RussianPlural(term.Days, "календарный день", "календарных дня", "календарных дней", lang),
        (TermUnit.WorkingDays, false) => $"{Formats.Count(term.Days, lang)} жұмыс күні",
        _ => $"{Formats.Count(term.Days, lang)} күнтізбелік күн",
    };

    // Complaint status by talon
    public static readonly Text ComplaintStatusTitle = new("Шағымның мәртебесі", "Статус жалобы");
    public static readonly Text ComplaintStatusLead = new("Талондағы нөмір мен қол жеткізу кодын енгізіңіз. Жауапта жеке деректер көрсетілмейді.",
        "Введите номер и код доступа, напечатанные на талоне. Ответ не содержит персональных данных.");
    public static readonly Text TalonNumber = new("Талонның нөмірі", "Номер талона");
    public static readonly Text TalonNumberHint = new("Мысалы: CMP-2026-000001", "Например: CMP-2026-000001");
    public static readonly Text AccessCode = new("Қол жеткізу коды", "Код доступа");
    public static readonly Text AccessCodeHint = new("Талонда басылған 10 таңба; бос орын мен сызықша маңызды емес.", "10 знаков с талона; пробелы и дефисы не важны.");
    public static readonly Text ShowStatus = new("Мәртебені көрсету", "Показать статус");
    public static readonly Text TalonFieldsMissing = new("Талонның нөмірі мен кодын енгізіңіз.", "Введите номер талона и код доступа.");
    public static readonly Text NoSuchComplaint = new("Осы нөмір мен код бойынша шағым табылмады. Екеуін де талонда басылғандай тексеріңіз.",
        "Жалоба с таким номером и кодом не найдена. Проверьте оба так, как они напечатаны на талоне.");
    public static readonly Text ComplaintRegisteredOn = new("Тіркелген күні", "Дата регистрации");
    public static readonly Text ComplaintAnswerDue = new("Жауап беру мерзімі", "Срок ответа");
    public static readonly Text ComplaintAnswerPosted = new("Жауап пошта арқылы жіберілген күн", "Ответ отправлен по почте");
    public static readonly Text ComplaintHistory = new("Мәртебенің тарихы", "История статусов");
    public static readonly Text Date = new("Күні", "Дата");

    // Quality indicators (annex 3 for services 1–4, annex 2 for 5–6)
    public static readonly Text QualityTitle = new("Сапа көрсеткіштері", "Показатели качества");
    public static readonly Text QualityLead = new("{0} жылы айлар бойынша: әр көрсеткіштің мәні пайызбен. Нормативтік және мақсатты мәндерді жыл сайын министрдің бұйрығы белгілейді.",
        "В {0} году по месяцам: значение каждого показателя в процентах. Нормативные и целевые значения ежегодно устанавливает приказ министра.");
    public static readonly Text QualityInvite = new("Қызметтің сапа көрсеткіштері: мерзімінде көрсетілгені, тұтынушылардың қанағаттануы", "Показатели качества услуги: доля оказанных в срок, удовлетворённость получателей");
    public static readonly Text QualityYears = new("Жылдар", "Годы");
    public static readonly Text QualityCsv = new("{0} жылдың көрсеткіштері, CSV", "Показатели за {0} год, CSV");
    public static readonly Text QualityYearTable = new("{0} жылдың қорытындысы", "Итоги {0} года");
    public static readonly Text Indicator = new("Көрсеткіш", "Показатель");
    public static readonly Text ValuePercent = new("Мәні, %", "Значение, %");
    public static readonly Text Normative = new("Нормативтік мәні", "Нормативное значение");
    public static readonly Text Target = new("Мақсатты мәні", "Целевое значение");
    public static readonly Text ValueSource = new("Қайдан алынады", "Откуда берётся");
    public static readonly Text NotSet = new("белгіленбеген", "не установлено");
    public static readonly Text NoData = new("дерек жоқ", "нет данных");
    public static readonly Text Month = new("Ай", "Месяц");
    public static readonly Text Cases = new("Жағдайлар / жауаптар", "Случаев / ответов");
    public static readonly Text ChartAsTable = new("Кесте түрінде", "В виде таблицы");
    public static readonly Text ChartDescription = new("{0}: {1} жылдың айлары бойынша мәні, 0-ден 100 %-ға дейінгі шкала. Мәні бар айлар: {2}.{3}",
        "{0}: значение по месяцам {1} года, шкала от 0 до 100 %. Месяцев со значением: {2}.{3}");
    public static readonly Text ChartTarget = new(" Мақсатты мәні: {0} % (үзік сызық).", " Целевое значение: {0} % (пунктирная линия).");
    public static readonly Text YearInvalid = new("Жылды төрт цифрмен жазыңыз, мысалы 2026.", "Укажите год четырьмя цифрами, например 2026.");

    public static readonly IReadOnlyDictionary<IndicatorSource, Text> IndicatorSources = new Dictionary<IndicatorSource, Text>
    {
        [IndicatorSource.RegistryDates] = new("Тізілімдегі күндерден есептеледі: нәтижесі осы кезеңде шыққан өтініштердің мерзімінде шешілгені (тапсырған күннен бастап, тоқтатыла тұрған күндерсіз; үнсіздікпен берілді деп есептелгені — кешіккен)",
            "Вычисляется по датам реестра: доля заявлений с результатом в периоде, решённых в срок (от подачи, без дней приостановления; считающиеся выданными по молчанию — просрочены)"),
        [IndicatorSource.ServiceCatalogue] = new("Қызмет стандарты осы тізілімде электрондық түрде жарияланған", "Стандарт услуги опубликован в этом реестре в электронном виде"),
        [IndicatorSource.Survey] = new("Сауалнамалардан: қағаз сауалнамалар және нәтижедегі бір реттік код бойынша онлайн сауалнама", "Из опросов: бумажные анкеты и онлайн-опрос по одноразовому коду с результата"),
    };

    // The anonymous satisfaction survey (indicators 2.1, 3.1, 4.1, 5.1)
    public static readonly Text SurveyTitle = new("Қызмет сапасын бағалаңыз", "Оцените качество услуги");
    public static readonly Text SurveyLead = new(
        "Сауалнама жасырын: нәтижеде немесе бас тарту туралы хабарламада басылған бір реттік кодты енгізіңіз. Жауаптар кодпен де, сізбен де байланыстырылмайды; әр код бір рет қана жарамды.",
        "Опрос анонимный: введите одноразовый код, напечатанный на результате или на уведомлении об отказе. Ответы не связываются ни с кодом, ни с вами; каждый код действует один раз.");
    public static readonly Text SurveyCode = new("Сауалнама коды", "Код опроса");
    public static readonly Text SurveyCodeHint = new("Нәтижеде басылған 10 таңба", "10 знаков с результата");
    public static readonly Text SurveySend = new("Жіберу", "Отправить");
    public static readonly Text SurveySkip = new("Жауап бермеймін", "Без ответа");
    public static readonly Text SurveyThanks = new("Рақмет! Жауаптарыңыз сапа көрсеткіштеріне қосылды.", "Спасибо! Ваши ответы учтены в показателях качества.");
    public static readonly Text SurveyCodeUsed = new("Бұл кодпен сауалнамаға жауап берілген. Әр код бір рет қана жарамды.",
        "По этому коду на опрос уже ответили. Каждый код действует один раз.");
    public static readonly Text SurveyCodeUnknown = new("Мұндай код табылмады. Оны нәтижеде басылғандай тексеріңіз.", "Такой код не найден. Проверьте его так, как он напечатан на результате.");
    public static readonly Text SurveyNothingAnswered = new("Кодты енгізіп, кемінде бір сұраққа жауап беріңіз.", "Введите код и ответьте хотя бы на один вопрос.");
    public static readonly Text SurveyInvite = new("Қызметті алдыңыз ба? Нәтижедегі код бойынша оның сапасын бағалаңыз.", "Получили услугу? Оцените её качество по коду с результата.");

    public static readonly IReadOnlyDictionary<string, Text> SurveyQuestions = new Dictionary<string, Text>
    {
        ["2.1"] = new("Қызмет көрсету үдерісінің сапасына қанағаттандыңыз ба?", "Удовлетворены ли вы качеством процесса оказания услуги?"),
        ["3.1"] = new("Қызметтің сапасына және оны көрсету тәртібі туралы ақпаратқа қанағаттандыңыз ба?", "Удовлетворены ли вы качеством услуги и информацией о порядке её оказания?"),
        ["4.1"] = new("Шағымданудың қолданыстағы тәртібіне қанағаттандыңыз ба?", "Удовлетворены ли вы существующим порядком обжалования?"),
        ["5.1"] = new("Персоналдың сыпайылығына қанағаттандыңыз ба?", "Удовлетворены ли вы вежливостью персонала?"),
    };
}
