using Registry.Api.WriteModel;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Search;
using Registry.Domain.Services;
using Registry.Projections.Public;

namespace Registry.Api.Website;

/// <summary>
/// Every word the website shows, in Kazakh and Russian, in one place: the interface, and the labels of the codes the
/// domain stores as English slugs (statuses, kinds, applicant types, channels, regions; sector and activity codes by
/// the names in <see cref="ScopeCodes"/>, which search reads too). A page never prints a slug; a code missing here is
/// shown as written, and a test checks that every known code has a label.
/// </summary>
public static partial class Labels
{
    // Site
    public static readonly Text SiteName = new("Өнеркәсіптік және өрт қауіпсіздігі құжаттарының тізілімі", "Реестр документов промышленной и пожарной безопасности");
    public static readonly Text Ministry = new("Қазақстан Республикасы Төтенше жағдайлар министрлігі", "Министерство по чрезвычайным ситуациям Республики Казахстан");
    public static readonly Text SkipToContent = new("Негізгі мазмұнға өту", "Перейти к содержанию");
    public static readonly Text MainMenu = new("Негізгі мәзір", "Главное меню");
    public static readonly Text NavSearch = new("Іздеу", "Поиск");
    public static readonly Text NavCheck = new("Бірнеше нөмірді тексеру", "Пакетная проверка");
    public static readonly Text NavServices = new("Қызметтер", "Услуги");
    public static readonly Text NavCentres = new("ХҚО мекенжайлары", "Адреса ЦОН");
    public static readonly Text NavQrCheck = new("QR кодты тексеру", "Проверка QR-кода");
    public static readonly Text NavOpenData = new("Ашық деректер", "Открытые данные");
    public static readonly Text LanguageSwitch = new("Тіл", "Язык");
    public static readonly Text FooterApi = new("Әзірлеушілерге арналған ашық API", "Открытый API для разработчиков");
    public static readonly Text FooterSource = new("Деректер тізілімнің жарияланған бөлігінен алынады; жеке тұлғалардың ЖСН жасырылған.",
        "Данные берутся из публичной части реестра; ИИН физических лиц скрыты.");

    // Open data
    public static readonly Text OpenDataTitle = new("Ашық деректер", "Открытые данные");
    public static readonly Text OpenDataLead = new(
        "Тізілімнің жарияланған бөлігі толығымен, файлдармен: CSV және JSON Lines (gzip), әр бағанның сипаттамасы (datapackage.json) және SHA-256 бақылау сомалары. Күн сайын жаңартылады; жеке тұлғалардың ЖСН жасырылған.",
        "Вся публичная часть реестра в файлах: CSV и JSON Lines (gzip), описание каждого столбца (datapackage.json) и контрольные суммы SHA-256. Обновляется ежедневно; ИИН физических лиц скрыты.");
    public static readonly Text OpenDataLatest = new("Соңғы жинақ {0} жасалды, құжаттар саны: {1}.", "Последняя выгрузка создана {0}, документов: {1}.");
    public static readonly Text OpenDataNone = new("Әзірге бірде-бір жинақ жасалмаған. Кейінірек қайталап көріңіз.", "Выгрузок ещё нет. Попробуйте позже.");
    public static readonly Text OpenDataFiles = new("Соңғы жинақтың файлдары", "Файлы последней выгрузки");
    public static readonly Text OpenDataFile = new("Файл", "Файл");
    public static readonly Text OpenDataContent = new("Мазмұны", "Содержимое");
    public static readonly Text OpenDataSize = new("Көлемі", "Размер");
    public static readonly Text OpenDataCsv = new("Құжаттар, әр жолда бір құжат (CSV, gzip)", "Документы, по одному в строке (CSV, gzip)");
    public static readonly Text OpenDataJsonLines = new("Сол құжаттар JSON Lines пішімінде (gzip)", "Те же документы в формате JSON Lines (gzip)");
    public static readonly Text OpenDataPackage = new("Әр бағанның түрі мен сипаттамасы, файлдардың көлемі мен хэші (Frictionless Data Package)",
        "Тип и описание каждого столбца, размеры и хэши файлов (Frictionless Data Package)");
    public static readonly Text OpenDataSums = new("Файлдардың SHA-256 бақылау сомалары", "Контрольные суммы SHA-256 файлов");
    public static readonly Text OpenDataHowTo = new("Пайдалану", "Как пользоваться");
    public static readonly Text OpenDataVerify = new("Жүктелген файлдарды тексеру: файлдармен бір қалтада sha256sum -c SHA256SUMS орындаңыз.",
        "Проверка скачанных файлов: выполните sha256sum -c SHA256SUMS в папке с файлами.");
    public static readonly Text OpenDataResume = new("Үзілген жүктеуді жалғастыруға болады (HTTP Range). Тұрақты сілтеме әрқашан соңғы жинаққа апарады:",
        "Прерванную загрузку можно продолжить (HTTP Range). Постоянная ссылка всегда ведёт на последнюю выгрузку:");
    public static readonly Text OpenDataApi = new("Бағдарламаларға арналған жинақтар тізімі (JSON):", "Список выгрузок для программ (JSON):");

    // Home
    public static readonly Text HomeTitle = new("Құжатты табу және тексеру", "Найти и проверить документ");
    public static readonly Text HomeLead = new(
        "Аттестаттар, рұқсаттар, декларацияларды тіркеу шифрлары, аккредиттеу аттестаттары, өрт-техникалық өнімге қорытындылар және стандарттарды келісу хаттары.",
        "Аттестаты, разрешения, шифры регистрации деклараций, аттестаты аккредитации, заключения на пожарно-техническую продукцию и письма о согласовании стандартов.");
    public static readonly Text SearchLabel = new("Нөмір, БСН немесе ұйымның атауы", "Номер, БИН или название организации");
    public static readonly Text SearchHint = new("Мысалы: ATT-2024-000001, 000001, 990140000017 немесе «Қарағанды Көмір»",
        "Например: ATT-2024-000001, 000001, 990140000017 или «Қарағанды Көмір»");
    public static readonly Text SearchButton = new("Іздеу", "Найти");
    public static readonly Text QuickCheckTitle = new("Белгілі бір күні жарамды ма?", "Действовал ли документ на дату?");
    public static readonly Text NumberLabel = new("Құжаттың нөмірі", "Номер документа");
    public static readonly Text DateLabel = new("Күні (кк.аа.жжжж)", "Дата (дд.мм.гггг)");
    public static readonly Text CheckButton = new("Тексеру", "Проверить");
    public static readonly Text BulkInvite = new("Нөмірлер көп пе? Бір сұраумен 1 000 нөмірге дейін тексеріңіз.", "Много номеров? Проверьте до 1 000 номеров за один раз.");
    public static readonly Text NumberRequired = new("Құжаттың нөмірін енгізіңіз.", "Введите номер документа.");
    public static readonly Text DateInvalid = new(
        $"Күнді кк.аа.жжжж түрінде, {Formats.Date(RecordDates.Earliest)} мен {Formats.Date(RecordDates.Latest)} аралығында жазыңыз, мысалы 01.06.2024.",
        $"Укажите дату в виде дд.мм.гггг, с {Formats.Date(RecordDates.Earliest)} по {Formats.Date(RecordDates.Latest)}, например 01.06.2024.");

    // Results
    public static readonly Text ResultsTitle = new("Іздеу нәтижелері", "Результаты поиска");
    public static readonly Text Filters = new("Сүзгілер", "Фильтры");
    public static readonly Text FacetKind = new("Құжат түрі", "Вид документа");
    public static readonly Text FacetStatus = new("Мәртебесі", "Статус");
    public static readonly Text FacetRegion = new("Өңір", "Регион");
    public static readonly Text RemoveFilter = new("Сүзгіні алып тастау", "Снять фильтр");
    public static readonly Text ClearFilters = new("Барлық сүзгілерді алып тастау", "Снять все фильтры");
    public static readonly Text SortLabel = new("Сұрыптау", "Сортировка");
    public static readonly Text SortRelevance = new("Сәйкестігі бойынша", "По соответствию");
    public static readonly Text SortNewest = new("Алдымен жаңалары", "Сначала новые");
    public static readonly Text SortOldest = new("Алдымен ескілері", "Сначала старые");
    public static readonly Text SortNumber = new("Нөмірі бойынша", "По номеру");
    public static readonly Text Apply = new("Қолдану", "Применить");
    public static readonly Text NextPage = new("Келесі бет", "Следующая страница");
    public static readonly Text FirstPage = new("Бірінші бет", "Первая страница");
    public static readonly Text Pages = new("Беттер", "Страницы");
    public static readonly Text IssuedOn = new("Берілген күні", "Дата выдачи");
    public static readonly Text NothingFound = new("Ештеңе табылмады", "Ничего не найдено");
    /// <summary>The line above results that answer another reading of the query (<see cref="QueryReadings"/>), saying why.</summary>
    public static Text ReadAs(QueryReadingKind? kind) => kind switch
    {
        QueryReadingKind.KeyboardLayout => ReadOnOtherLayout,
        QueryReadingKind.WordsApart => ReadApart,
        QueryReadingKind.WordsTogether => ReadTogether,
        _ => ReadOtherwise,
    };
    /// <summary>The line above results of a query read with the region or kind of document it names as the filters: {0} the
    /// rest of the query, {1} the filters.</summary>
    public static Text ReadWithFilters(string rest) => rest.Length == 0 ? ReadFiltersAlone : ReadFiltersAndWords;
    static readonly Text ReadFiltersAndWords = new("«{0}» бойынша нәтижелер көрсетілді, сүзгі: {1}.", "Показаны результаты по запросу «{0}» с фильтром: {1}.");
    static readonly Text ReadFiltersAlone = new("Сүзгі бойынша құжаттар көрсетілді: {1}.", "Показаны документы с фильтром: {1}.");
    static readonly Text ReadOnOtherLayout = new("«{0}» бойынша нәтижелер көрсетілді: пернетақта тілі ауыстырылмаған сияқты.",
        "Показаны результаты по запросу «{0}»: похоже, раскладка клавиатуры не была переключена.");
    static readonly Text ReadApart = new("«{0}» бойынша нәтижелер көрсетілді: сөздер бөлек оқылды.",
        "Показаны результаты по запросу «{0}»: слова прочитаны раздельно.");
    static readonly Text ReadTogether = new("«{0}» бойынша нәтижелер көрсетілді: тізілім атауларында бұл сөздер бірге жазылады.",
        "Показаны результаты по запросу «{0}»: в названиях реестра эти слова пишутся слитно.");
    static readonly Text ReadOtherwise = new("«{0}» бойынша нәтижелер көрсетілді.", "Показаны результаты по запросу «{0}».");
    public static readonly Text TipNumber = new("Нөмірді толық немесе соңғы цифрларын жазыңыз: ATT-2024-000001 немесе 000001. Бос орын мен сызықша маңызды емес.",
        "Введите номер полностью или его последние цифры: ATT-2024-000001 или 000001. Пробелы и дефисы не важны.");
    public static readonly Text TipBin = new("БСН 12 цифрдан тұрады.", "БИН состоит из 12 цифр.");
    public static readonly Text TipName = new("Атаудың бір-екі сөзін жазыңыз — қазақша, орысша немесе латын әрпімен; «ТОО», «ЖШС» сияқты сөздер қажет емес.",
        "Введите одно-два слова из названия — по-казахски, по-русски или латиницей; «ТОО», «ЖШС» писать не нужно.");
    public static readonly Text TipFilters = new("Сүзгілерді алып тастап көріңіз.", "Попробуйте снять фильтры.");
    public static readonly Text TipRefused = new("Бас тартылған өтініштер мен әлі қаралып жатқандары тізілімде көрсетілмейді.",
        "Отказанные и ещё не рассмотренные заявления в реестре не показываются.");

    // Document
    public static readonly Text Service = new("Мемлекеттік қызмет", "Государственная услуга");
    public static readonly Text IssuedBy = new("Берген орган", "Выдавший орган");
    public static readonly Text Number = new("Нөмірі", "Номер");
    public static readonly Text ValidUntil = new("Қолданылу мерзімі", "Срок действия");
    public static readonly Text NoTerm = new("Шектелмеген (қаулы мерзім белгілемейді)", "Не ограничен (постановление срок не устанавливает)");
    public static readonly Text Until = new("{0} дейін", "до {0}");
    public static readonly Text Holder = new("Иесі", "Владелец");
    public static readonly Text HolderType = new("Тұлға түрі", "Тип лица");
    public static readonly Text Bin = new("БСН", "БИН");
    public static readonly Text Iin = new("ЖСН", "ИИН");
    public static readonly Text Region = new("Өңір", "Регион");
    public static readonly Text StatusToday = new("Бүгінгі мәртебесі, {0}", "Статус на сегодня, {0}");
    public static readonly Text StatusOnDate = new("{0} күнгі мәртебесі", "Статус на {0}");
    public static readonly Text ValidOnDate = new("Құжат {0} күні жарамды.", "Документ действует на {0}.");
    public static readonly Text NotValidOnDate = new("Құжат {0} күні жарамсыз.", "Документ не действует на {0}.");
    public static readonly Text RestrictedSince = new("{1} бастап: {0}.", "С {1}: {0}.");
    public static readonly Text CheckAnotherDate = new("Басқа күнге тексеру", "Проверить на другую дату");
    public static readonly Text Scope = new("Қолданылу саласы", "Область действия");
    public static readonly Text Sectors = new("Өнеркәсіп салалары", "Отрасли промышленности");
    public static readonly Text ScopeItems = new("Қызмет түрлері, технологиялар, құрылғылар, өнімдер", "Виды деятельности, технологии, устройства, продукция");
    public static readonly Text History = new("Мәртебе тарихы", "История статуса");
    public static readonly Text Status = new("Мәртебе", "Статус");
    public static readonly Text EffectiveOn = new("Күшіне енген күні", "Дата вступления в силу");
    public static readonly Text RecordedOn = new("Тізілімге енгізілген күні", "Дата внесения в реестр");
    public static readonly Text Reason = new("Негіздеме", "Основание");
    public static readonly Text DeemedTitle = new("Берілді деп есептеледі", "Считается выданным");
    public static readonly Text DeemedExplained = new(
        "Комитет белгіленген мерзімде не нәтижені, не дәлелді бас тартуды берген жоқ. Қаулыға сәйкес мұндай жағдайда нәтиже мерзім өткен күннен бастап берілді деп есептеледі — «{0}». Құжат тізілімге осы негізде енгізілді.",
        "Комитет в установленный срок не выдал ни результата, ни мотивированного отказа. По постановлению в этом случае результат считается полученным со дня истечения срока — «{0}». Документ внесён в реестр на этом основании.");
    public static readonly Text HowToComplain = new("Қалай шағымдануға болады", "Как обжаловать");
    public static readonly Text ComplaintHelp = new("Шағымдану тәртібі туралы ақпарат: 1414 бірыңғай байланыс орталығы. Шағымды Комитет немесе ХҚО арқылы тапсыруға болады:",
        "Справки о порядке обжалования: единый контакт-центр 1414. Жалобу можно подать через Комитет или ЦОН:");
    public static readonly Text QrCaption = new("Осы беттің QR-коды: интернетсіз де тексеріледі", "QR-код этой страницы: проверяется и без интернета");
    public static readonly Text Print = new("Басып шығару", "Печать");
    public static readonly Text NotYetIssuedNote = new("Бұл күні құжат әлі берілмеген еді.", "На эту дату документ ещё не был выдан.");

    // Organisation
    public static readonly Text Organisation = new("Ұйым", "Организация");
    public static readonly Text FormerNames = new("Бұрынғы атаулары", "Прежние наименования");
    public static readonly Text Documents = new("Құжаттары", "Документы");
    public static readonly Text PageOf = new("{0}-бет, барлығы {1}", "Страница {0} из {1}");
    public static readonly Text PreviousPage = new("Алдыңғы бет", "Предыдущая страница");

    // Bulk check
    public static readonly Text BulkTitle = new("Бірнеше нөмірді бірден тексеру", "Пакетная проверка номеров");
    public static readonly Text BulkLead = new("1 000 нөмірге дейін: әр жолға бір нөмір, немесе бірінші бағанында нөмір тұрған CSV файлы. Нәтижені кесте және CSV түрінде аласыз.",
        "До 1 000 номеров: по одному в строке или CSV-файл, в первом столбце которого номер. Результат — таблица и файл CSV.");
    public static readonly Text BulkNumbers = new("Нөмірлер", "Номера");
    public static readonly Text BulkFile = new("Немесе файл (TXT, CSV)", "Или файл (TXT, CSV)");
    public static readonly Text BulkDate = new("Қай күнге (кк.аа.жжжж; бос болса — бүгін)", "На какую дату (дд.мм.гггг; пусто — сегодня)");
    public static readonly Text BulkCounter = new("Нөмірлер саны: {0} / 1 000", "Номеров: {0} / 1 000");
    public static readonly Text BulkEmpty = new("Кемінде бір нөмір енгізіңіз немесе файл таңдаңыз.", "Введите хотя бы один номер или выберите файл.");
    public static readonly Text BulkTooMany = new("Бір ретте 1 000 нөмірден артық емес; сіз {0} жібердіңіз.", "Не более 1 000 номеров за раз; получено {0}.");
    public static readonly Text BulkFileUnreadable = new("Файлды оқу мүмкін болмады: UTF-8 кодтауындағы мәтін немесе CSV керек, 1 МБ-тан аспауы тиіс.",
        "Не удалось прочитать файл: нужен текст или CSV в кодировке UTF-8, не больше 1 МБ.");
    public static readonly Text BulkSummary = new("{3} күнгі жағдай: {0} нөмір, табылғаны {1}, жарамдысы {2}.", "На {3}: номеров {0}, найдено {1}, действует {2}.");
    public static readonly Text BulkDownload = new("CSV жүктеп алу", "Скачать CSV");
    public static readonly Text Found = new("Тізілімде", "В реестре");
    public static readonly Text ValidColumn = new("Жарамды", "Действует");
    public static readonly Text Yes = new("Иә", "Да");
    public static readonly Text No = new("Жоқ", "Нет");
    public static readonly Text NotInRegistry = new("Тізілімде жоқ", "Нет в реестре");
    public static readonly Text Kind = new("Түрі", "Вид");

    // Services
    public static readonly Text ServicesTitle = new("Мемлекеттік қызметтер", "Государственные услуги");
    public static readonly Text ServicesLead = new("Алты қызмет — құжаттар, мерзімдер, кесте және мерзімді есептеу.", "Шесть услуг — документы, сроки, график работы и расчёт срока.");
    public static readonly Text Result = new("Нәтижесі", "Результат");
    public static readonly Text Provider = new("Қызмет беруші", "Услугодатель");
    public static readonly Text Term = new("Мерзімі", "Срок");
    public static readonly Text WorkingDays = new("{0} жұмыс күні", "{0} рабочих дней");
    public static readonly Text CalendarDays = new("{0} күнтізбелік күн", "{0} календарных дней");
    public static readonly Text DayOfReceiptExcluded = new("құжаттар қабылданған күн есептелмейді", "день приёма документов не считается");
    public static readonly Text CompletenessCheck = new("Құжаттардың толықтығы {0} жұмыс күні ішінде тексеріледі.", "Полнота документов проверяется в течение {0} рабочих дней.");
    public static readonly Text Fee = new("Құны", "Стоимость");
    public static readonly Text WhoMayApply = new("Кім жүгіне алады", "Кто может обратиться");
    public static readonly Text Channels = new("Қайда жүгінуге болады", "Куда обратиться");
    public static readonly Text DocumentsByChannel = new("Қажетті құжаттар", "Необходимые документы");
    public static readonly Text DocumentsCount = new("{0} құжат", "{0} док.");
    public static readonly Text ExpertConclusionValidity = new("Сараптама қорытындысы сараптама жасалған күннен бастап {0} ай жарамды.", "Заключение экспертизы действительно {0} месяца со дня экспертизы.");
    public static readonly Text Schedule = new("Жұмыс кестесі", "График работы");
    public static readonly Text ResultForm = new("Нәтиженің нысаны", "Форма результата");
    public static readonly Text IfNoAnswer = new("Мерзімінде жауап болмаса", "Если ответа нет в срок");
    public static readonly Text LegalBasis = new("Құқықтық негіз", "Правовое основание");
    public static readonly Text Details = new("Толығырақ", "Подробнее");
    public static readonly Text DeadlineCalculator = new("Мерзімді есептеу", "Расчёт срока");
    public static readonly Text DeadlineCalculatorLead = new("Қазақстанның өндірістік күнтізбесі бойынша: демалыс және мереке күндері, ауыстырылған демалыс күндері ескеріледі.",
        "По производственному календарю Казахстана: с учётом выходных, праздников и перенесённых выходных.");
    public static readonly Text SubmittedOn = new("Құжаттар тапсырылған күн (кк.аа.жжжж)", "Дата подачи документов (дд.мм.гггг)");
    public static readonly Text Calculate = new("Есептеу", "Рассчитать");
    public static readonly Text DueOn = new("Нәтиже берілетін соңғы күн: {0}", "Последний день срока: {0}");
    public static readonly Text CompletenessDueOn = new("Толықтығын тексеру — {0} дейін", "Проверка полноты — до {0}");
    public static readonly Text DeemedFrom = new("Жауап болмаса, нәтиже {0} бастап берілді деп есептеледі.", "Если ответа не будет, результат считается полученным с {0}.");
    public static readonly Text SkippedDays = new("Есепке алынбаған күндер", "Не считаются");
    public static readonly Text Weekend = new("демалыс күні", "выходной");
    public static readonly Text HolidayOrDayOff = new("мереке немесе ауыстырылған демалыс күні", "праздник или перенесённый выходной");
    public static readonly Text NoSkippedDays = new("Күнтізбелік күндер: әр күн есептеледі.", "Календарные дни: считается каждый день.");

    // Centres
    public static readonly Text CentresTitle = new("Халыққа қызмет көрсету орталықтары", "Центры обслуживания населения");
    public static readonly Text CentresLead = new("Құжаттарды осы орталықтардың кез келгеніне тапсыруға болады. Тізім қаулының 1-қосымшасынан алынған.",
        "Документы можно подать в любой из этих центров. Список — из приложения 1 к постановлению.");
    public static readonly Text AllRegions = new("Барлық өңірлер", "Все регионы");
    public static readonly Text Address = new("Мекенжайы", "Адрес");
    public static readonly Text Phones = new("Телефондары", "Телефоны");
    public static readonly Text NoPhone = new("Телефон көрсетілмеген", "Телефон не указан");
    public static readonly Text CentresCount = new("{0} орталық", "Центров: {0}");

    // Errors
    public static readonly Text PageNotFound = new("Бет табылмады", "Страница не найдена");
    public static readonly Text PageNotFoundLead = new("Мұндай бет жоқ. Іздеуді пайдаланыңыз.", "Такой страницы нет. Воспользуйтесь поиском.");
    public static readonly Text DocumentNotFound = new("«{0}» нөмірлі құжат тізілімде жоқ.", "Документа с номером «{0}» нет в реестре.");
    public static readonly Text DocumentNotFoundHelp = new("Нөмірді тексеріңіз немесе оны іздеуде көріңіз — нөмірдің бір бөлігі де жеткілікті.",
        "Проверьте номер или поищите его — достаточно части номера.");
    public static readonly Text DidYouMean = new("Мүмкін, сіз мынаны іздеген шығарсыз:", "Возможно, вы имели в виду:");
    public static readonly Text OrganisationNotFound = new("{0} БСН бойынша жарияланған құжат жоқ.", "По БИН {0} опубликованных документов нет.");

    /// <summary>How many documents a search found. One place, so "about N" (a lower bound) can be added here.</summary>
    /// <summary>A lower bound ("10,000 or more"), when the search stopped counting.</summary>
    public static string FoundAtLeast(long total, Lang lang) => lang == Lang.Ru
        ? $"Найдено более {Formats.Count(total, lang)} документов"
        : $"{Formats.Count(total, lang)}-нан астам құжат табылды";

    public static string FoundCount(long total, Lang lang) => lang == Lang.Ru
        ? $"Найдено {RussianPlural(total, "документ", "документа", "документов", lang)}"
        : $"{Formats.Count(total, lang)} құжат табылды";

    static string RussianPlural(long n, string one, string few, string many, Lang lang)
    {
        var word = (n % 10, n % 100) switch
        {
            (1, not 11) => one,
            (>= 2 and <= 4, < 12 or > 14) => few,
            _ => many,
        };
        return $"{Formats.Count(n, lang)} {word}";
    }

    public static readonly IReadOnlyDictionary<string, Text> Statuses = new Dictionary<string, Text>
    {
        [DocumentStatus.Valid.Slug()] = new("Жарамды", "Действует"),
        [DocumentStatus.Suspended.Slug()] = new("Тоқтатыла тұрған", "Приостановлен"),
        [DocumentStatus.Revoked.Slug()] = new("Кері қайтарып алынған", "Отозван"),
        [DocumentStatus.Expired.Slug()] = new("Мерзімі өткен", "Срок истёк"),
        [Verification.NotYetIssued] = new("Әлі берілмеген", "Ещё не выдан"),
    };

    public static readonly IReadOnlyDictionary<ApplicantType, Text> HolderTypes = new Dictionary<ApplicantType, Text>
    {
        [ApplicantType.LegalEntity] = new("Заңды тұлға", "Юридическое лицо"),
        [ApplicantType.Individual] = new("Жеке тұлға", "Физическое лицо"),
        [ApplicantType.NonResident] = new("Бейрезидент заңды тұлға", "Юридическое лицо — нерезидент"),
    };

    public static readonly IReadOnlyDictionary<ApplicantType, Text> Applicants = new Dictionary<ApplicantType, Text>
    {
        [ApplicantType.LegalEntity] = new("Заңды тұлғалар", "Юридические лица"),
        [ApplicantType.Individual] = new("Жеке тұлғалар", "Физические лица"),
        [ApplicantType.NonResident] = new("Бейрезидент заңды тұлғалар (тек Комитетке)", "Юридические лица — нерезиденты (только в Комитет)"),
    };

    public static readonly IReadOnlyDictionary<Channel, Text> ChannelNames = new Dictionary<Channel, Text>
    {
        [Channel.Committee] = new("Комитет", "Комитет"),
        [Channel.Centre] = new("ХҚО", "ЦОН"),
        [Channel.Portal] = new("«Электрондық үкімет» порталы", "Портал «электронного правительства»"),
    };

    /// <summary>Region names as the registry and annex 1 store them (Kazakh), with their Russian names
    /// (data/search/regions.csv).</summary>
    public static readonly IReadOnlyDictionary<string, Text> Regions = RegionNames.Default.All.Select(r => (r.Kazakh, r.Russian))
        // Annex 1 of the decree (2012) names the regions of its day.
        .Concat([("Оңтүстік Қазақстан облысы", "Южно-Казахстанская область"), ("Алматы қаласы", "город Алматы"), ("Астана қаласы", "город Астана")])
        .ToDictionary(r => r.Item1, r => new Text(r.Item1, r.Item2));

    /// <summary>Reasons the registry itself writes into a document's history; officers' own reasons are shown as written.</summary>
    public static readonly IReadOnlyDictionary<string, Text> SystemReasons = new Dictionary<string, Text>
    {
        [IssuedDocuments.DeemedReason] = new("Мерзімінде жауап болмағандықтан берілді деп есептеледі", "Считается выданным: нет ответа в срок"),
        [DocumentLifecycle.TermEndedReason] = new("Қолданылу мерзімі аяқталды", "Срок действия истёк"),
    };

    public static string ReasonText(string? reason, Lang lang) => reason is null ? "" : Label(SystemReasons, reason, lang);

    /// <summary>A status by its slug (as search hits and the "valid on a date" answer carry it).</summary>
    public static string StatusName(string status, Lang lang) => Label(Statuses, status, lang);

    public static string StatusName(DocumentStatus status, Lang lang) => StatusName(status.Slug(), lang);

    /// <summary>A kind by the name of the document its service issues (аттестат, рұқсат …).</summary>
    public static string KindName(DocumentKind kind, Lang lang) => ServiceCatalogue.All.First(s => s.Result == kind).ResultName.In(lang);

    public static string KindName(string kind, Lang lang) => Slugs.TryParse<DocumentKind>(kind, out var k) ? KindName(k, lang) : kind;

    /// <summary>A sector, activity sub-type or free-text scope item (names of devices and products are kept as written).</summary>
    public static string ScopeName(string item, Lang lang) =>
        ScopeCodes.Name(item)?.In(lang) ?? item;

    public static string RegionName(string? region, Lang lang) => region is null ? "" : Label(Regions, region, lang);

    public static string HolderTypeName(ApplicantType type, Lang lang) => HolderTypes[type].In(lang);

    public static string Format(this Text text, Lang lang, params object?[] args) => string.Format(lang.Culture, text.In(lang), args);

    static string Label(IReadOnlyDictionary<string, Text> table, string code, Lang lang) => table.TryGetValue(code, out var t) ? t.In(lang) : code;
}
