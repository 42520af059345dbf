using Registry.Domain.Documents;
using Registry.Domain.Identifiers;
using Registry.Domain.Search;
using Registry.Domain.Services;

namespace Registry.Api.DemoData;

/// <summary>A holder as the demo and large data sets record it: legal entity (BIN) or individual entrepreneur (IIN),
/// with the name it had before it was renamed, if it was.</summary>
public sealed record PopulationHolder(ApplicantType Type, string Identifier, string Name, string? FormerName, string Region, string City);

/// <summary>
/// Holders that look like a real registry's, so that search meets real traffic's broad and narrow words: a legal form
/// in nearly every name (ТОО, ЖШС, АО, АҚ, ИП, ЖК…), trade words drawn from a Zipf distribution (a few in a large share of
/// names, a long tail of rare ones), invented distinctive names, digits inside names («СМУ-17», «Құрылыс-2005»), real
/// cities under their Kazakh, Russian and former names (<see cref="PlaceNames"/>), individual entrepreneurs with IINs,
/// and renamed holders. Deterministic for a given <see cref="Random"/>.
/// </summary>
public static class Population
{
    static readonly (string Form, int Weight)[] LegalForms =
    [
        ("ТОО", 52), ("ЖШС", 14), ("АО", 7), ("АҚ", 3), ("ПК", 2), ("ГКП на ПХВ", 2), ("РГП на ПХВ", 1), ("КГП", 1), ("Филиал ТОО", 2), ("", 1),
    ];

    /// <summary>Trade words, most frequent first: the i-th is drawn with a weight of 1/(i+1).</summary>
    static readonly string[] TradeWords =
    [
        "Сервис", "Құрылыс", "Строй", "Лифт", "Мұнай", "Групп", "Энерго", "Газ", "Инжиниринг", "Монтаж", "Транс", "Пром", "Техно", "Холдинг",
        "Кен", "Металл", "Компани", "Плюс", "Инвест", "Сауда", "Снаб", "Жарық", "Химия", "Цемент", "Қауіпсіздік", "Сараптама", "Диагностика",
        "Кран", "Бұрғылау", "Нефтехим", "Автоматика", "Электро", "Теплосеть", "Водоканал", "Өрт Сөндіру", "Экспертиза", "Аудит", "Безопасность",
        "Промышленная Безопасность", "Горная Компания", "Буровые Технологии", "Энергосервис", "Мыс", "Көмір", "Уран", "Хром", "Титан", "Магний",
        "Фосфор", "Болат", "Ферроқорытпа", "Минерал", "Тас", "Құм", "Ағаш", "Жол", "Көпір", "Су", "Жылу", "Құбыр", "Дизель", "Турбина", "Котел",
        "Резервуар", "Элеватор", "Диірмен", "Нан", "Сүт", "Ет", "Сыра", "Полимер", "Пластик", "Шина", "Аккумулятор", "Кабель", "Трансформатор",
        "Подстанция", "Насос", "Компрессор", "Вентиляция", "Сигнализация", "Спринклер", "Огнезащита", "Пожтехника", "Лифтмаш", "Подъемник",
        "Эскалатор", "Такелаж", "Стропальщик", "Взрывпром", "Аммонит", "Карьер", "Шахта", "Рудник", "Обогащение", "Флотация", "Плавка",
        "Литейный Завод", "Механический Завод", "Ремонтный Завод", "Котлонадзор", "Газификация", "Газоснабжение", "Нефтебаза", "Автозаправка",
        "Логистика", "Терминал", "Порт", "Вагон", "Локомотив", "Депо", "Аэро", "Авиа", "Телеком", "Дата", "Софт", "Геология", "Геофизика",
        "Изыскания", "Проект", "Проектный Институт", "Научный Центр", "Лаборатория", "Сертификация", "Метрология", "Калибровка",
    ];

    /// <summary>Syllables of invented names — «Нұрсая», «Алтынбек», «Арманжан» — the long tail a registry is full of.</summary>
    static readonly string[] Syllables =
    [
        "ал", "тын", "бек", "сай", "жан", "нұр", "ақ", "бота", "дала", "тау", "кен", "ер", "мұрат", "арман", "сұң", "қар", "жар", "қын", "ай",
        "гүл", "шат", "құт", "бай", "тал", "көк", "сары", "ұлы", "дан", "мар", "сен", "зар", "ым", "бұл", "ақ", "нар", "ас", "тем", "ір", "қан",
        "ата", "бер", "кет", "жол", "дос", "тас", "ор", "да", "ли", "на", "ра", "са", "ма", "ка", "то", "ви", "лон",
    ];

    static readonly string[] BrandParts = ["Kaz", "Tech", "Pro", "Invest", "Trade", "Steel", "Oil", "Gas", "Energy", "Build", "Safety", "Lift", "Mining", "Group", "Nur", "Alem", "Qazaq", "Astana", "Steppe", "Altyn"];

    static readonly string[] NumberedUnits = ["СМУ", "ПМК", "Автобаза №", "Мехколонна", "Трест", "СУ", "Участок №", "ДРСУ", "Шахтоуправление №", "Депо №"];

    static readonly string[] Surnames =
    [
        "Ахметов", "Серікбаев", "Жұмабеков", "Нұрланов", "Қасымов", "Оспанов", "Сейітқали", "Тоқтаров", "Бекмұхамбетов", "Әбенов", "Иванов", "Петров",
        "Ким", "Цой", "Шевченко", "Мусин", "Байжанов", "Сатпаев", "Ермеков", "Құрманов", "Исабаев", "Омаров", "Смагулов", "Каримов", "Волков",
        "Федоров", "Абдрахманов", "Жақсыбеков", "Төлеуов", "Мамыров", "Есенов", "Кенжебаев", "Ибраев", "Ли", "Пак", "Бондаренко", "Ткаченко",
    ];

    static readonly string[] GivenNames =
    [
        "Серік", "Айгүл", "Болат", "Дәурен", "Нұрлан", "Гүлнар", "Асқар", "Жанар", "Ерлан", "Сәуле", "Марат", "Дина", "Руслан", "Айдос", "Сергей",
        "Елена", "Андрей", "Ольга", "Бауыржан", "Қайрат", "Алия", "Мадина", "Тимур", "Ләззат", "Виктор", "Наталья",
    ];

    static readonly string[] Renamings = ["Жаңа", "Нью", "Прогресс", "Альянс", "Восток", "Шығыс", "Батыс", "Даму"];

    static readonly double[] TradeWordWeights = ZipfWeights(TradeWords.Length);

    /// <summary>Devices, materials and technologies permits and conclusions are issued for, most common first.</summary>
    static readonly string[] Devices =
    [
        "Огнетушитель", "Подъёмный кран", "Газовый котёл", "Резервуар", "Пожарный рукав", "Спринклер", "Станция пожарной сигнализации",
        "Сосуд под давлением", "Компрессор", "Буровая установка", "Лифт пассажирский", "Взрывчатое вещество", "Трубопровод", "Насосная станция",
        "Газорегуляторный пункт", "Эскалатор", "Автоцистерна", "Вентилятор главного проветривания", "Шахтная подъёмная машина", "Дизельная электростанция",
        "Пожарный извещатель", "Модуль порошкового пожаротушения", "Противопожарная дверь", "Огнезащитный состав", "Технология подземного выщелачивания",
        "Экскаватор", "Конвейер ленточный", "Паровой котёл", "Теплообменник", "Газоанализатор",
    ];

    static readonly string[] Facilities = ["Нефтебаза", "Шахта", "Карьер", "Газонаполнительная станция", "Обогатительная фабрика", "Склад взрывчатых материалов", "Котельная", "Элеватор", "Рудник", "Автозаправочная станция"];

    static readonly double[] DeviceWeights = ZipfWeights(Devices.Length);

    static readonly string[] ModelLetters = ["КС", "БУ", "ОП", "ОУ", "СВН", "КВ", "РВС", "ПГ", "ВК", "АЦ", "ДЭС", "ГРП", "МПП", "ИП", "ЭП", "ВМ"];

    /// <summary>What a document covers, as an officer records it: a device and its model, a facility in a city, or a company standard.</summary>
    public static string Subject(Random random, DocumentKind kind, string city) => kind switch
    {
        DocumentKind.Declaration => $"Опасный производственный объект: {Facilities[random.Next(Facilities.Length)].ToLowerInvariant()} {city}",
        DocumentKind.StandardAgreement => $"Стандарт организации СТ {random.Next(1000, 9999)}-{random.Next(2015, 2026)}",
        _ => $"{Devices[Zipf(random, DeviceWeights)]} {ModelLetters[random.Next(ModelLetters.Length)]}-{random.Next(1, 10) * (int)Math.Pow(10, random.Next(0, 4)) + random.Next(0, 10)}",
    };

    public static PopulationHolder NewHolder(Random random, int index)
    {
        var place = PlaceNames.Default.All[Zipf(random, PlaceWeights)];
        var individual = random.Next(100) < 9;
        var name = individual ? IndividualName(random) : LegalEntityName(random, place, index);
        string? former = null;
        if (!individual && random.Next(100) < 6)
        {
            former = name;
            var renamed = LegalEntityName(random, place, index);
            name = renamed != former ? renamed : $"{Renamings[random.Next(Renamings.Length)]} {former}";
        }
        return new PopulationHolder(individual ? ApplicantType.Individual : ApplicantType.LegalEntity, individual ? NewIin(random) : NewBin(random),
            name, former, place.Region, place.Kazakh);
    }

    static readonly double[] PlaceWeights = ZipfWeights(PlaceNames.Default.All.Count);

    static string IndividualName(Random random)
    {
        var form = random.Next(2) == 0 ? "ИП" : "ЖК";
        return $"{form} {Surnames[random.Next(Surnames.Length)]} {GivenNames[random.Next(GivenNames.Length)]}";
    }

    static string LegalEntityName(Random random, Place place, int index)
    {
        var form = Weighted(random, LegalForms);
        var body = random.Next(100) switch
        {
            < 30 => $"{PlaceName(random, place)} {Trade(random)}{(random.Next(3) == 0 ? " " + Trade(random) : "")}",
            < 62 => $"{Invented(random)} {Trade(random)}",
            < 72 => $"{Invented(random)}",
            < 80 => random.Next(2) == 0 ? $"{Trade(random)} {Trade(random)}" : $"{Trade(random)}",
            < 90 => Numbered(random, index),
            _ => Brand(random),
        };
        return form.Length == 0 ? body : $"{form} «{body}»";
    }

    /// <summary>The place under its Kazakh name mostly, sometimes Russian, now and then a former name.</summary>
    static string PlaceName(Random random, Place place) => random.Next(100) switch
    {
        < 60 => place.Kazakh,
        var roll when roll < 88 || place.FormerNames.Count == 0 => place.Russian,
        _ => place.FormerNames[random.Next(place.FormerNames.Count)],
    };

    static string Trade(Random random) => TradeWords[Zipf(random, TradeWordWeights)];

    static string Invented(Random random)
    {
        var parts = random.Next(2, 4);
        var word = string.Concat(Enumerable.Range(0, parts).Select(_ => Syllables[random.Next(Syllables.Length)]));
        return char.ToUpperInvariant(word[0]) + word[1..];
    }

    /// <summary>Digits inside names: numbered units and years of foundation.</summary>
    static string Numbered(Random random, int index) => random.Next(3) switch
    {
        0 => $"{Trade(random)}-{random.Next(1990, 2025)}",
        1 => $"{NumberedUnits[random.Next(NumberedUnits.Length)]}{(random.Next(2) == 0 ? "" : "-")}{random.Next(1, 120)}",
        _ => $"{NumberedUnits[random.Next(NumberedUnits.Length)]}-{100_000 + index % 900_000}",
    };

    static string Brand(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(2, 4)).Select(_ => BrandParts[random.Next(BrandParts.Length)]));

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

    /// <summary>An IIN: birth date (YYMMDD), century-and-sex digit (3–6 for the 1900s and 2000s), four digits, the check digit.</summary>
    public static string NewIin(Random random)
    {
        while (true)
        {
            var born = new DateOnly(1950, 1, 1).AddDays(random.Next(0, 365 * 52));
            var centuryAndSex = (born.Year >= 2000 ? 5 : 3) + random.Next(2);
            var first11 = $"{born:yyMMdd}{centuryAndSex}{random.Next(0, 10000):D4}";
            var check = TaxpayerNumber.CheckDigit(first11);
            if (check >= 0) return first11 + check;
        }
    }

    static double[] ZipfWeights(int n)
    {
        var cumulative = new double[n];
        var sum = 0.0;
        for (var i = 0; i < n; i++) cumulative[i] = sum += 1.0 / (i + 1);
        for (var i = 0; i < n; i++) cumulative[i] /= sum;
        return cumulative;
    }

    static int Zipf(Random random, double[] cumulative)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    static string Weighted(Random random, (string Value, int Weight)[] choices)
    {
        var pick = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
            if ((pick -= weight) < 0) return value;
        return choices[^1].Value;
    }
}
