namespace Registry.Domain.Services;

/// <summary>
/// The codes a client may send for a sector or an activity sub-type instead of its words (the seed lists neither, so
/// any other text is kept as written): shown and searched by their names in Kazakh and Russian, never as the English
/// code — "gas" must not find every document coded oil-and-gas, "нефтегазовая" should.
/// </summary>
public static class ScopeCodes
{
    public static readonly IReadOnlyDictionary<string, Text> Sectors = new Dictionary<string, Text>
    {
        ["oil-and-gas"] = new("Мұнай-газ саласы", "Нефтегазовая отрасль"),
        ["mining"] = new("Тау-кен өндірісі", "Горнодобывающая отрасль"),
        ["chemical"] = new("Химия өнеркәсібі", "Химическая промышленность"),
        ["power"] = new("Энергетика", "Энергетика"),
        ["metallurgy"] = new("Металлургия", "Металлургия"),
        ["gas-supply"] = new("Газбен жабдықтау", "Газоснабжение"),
        ["lifting-equipment"] = new("Жүк көтергіш механизмдер", "Грузоподъёмные механизмы"),
        ["explosives"] = new("Жарылғыш заттар", "Взрывчатые вещества"),
    };

    public static readonly IReadOnlyDictionary<string, Text> Activities = new Dictionary<string, Text>
    {
        ["industrial-safety-expertise"] = new("Өнеркәсіптік қауіпсіздік сараптамасы", "Экспертиза промышленной безопасности"),
        ["emergency-rescue-works"] = new("Авариялық-құтқару жұмыстары", "Аварийно-спасательные работы"),
        ["specialist-training"] = new("Мамандарды даярлау", "Подготовка специалистов"),
        ["technical-diagnostics"] = new("Техникалық диагностикалау", "Техническое диагностирование"),
        ["hazardous-facility-design"] = new("Қауіпті өндірістік объектілерді жобалау", "Проектирование опасных производственных объектов"),
    };

    /// <summary>The names of a sector or activity code; null for free text.</summary>
    public static Text? Name(string item) => Sectors.TryGetValue(item, out var sector) ? sector : Activities.GetValueOrDefault(item);

    /// <summary>A scope item as the words it is searched by: a code by its names in both languages, free text as written.</summary>
    public static string Words(string item) => Name(item) is { } name ? $"{name.Kk} {name.Ru}" : item;
}
