using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Documents;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>
/// A small registry written through the real write path, the same for every search backend: documents are named by
/// label (A…M) because their numbers are allocated at run time.
/// </summary>
public class SearchSuiteApp : RegistryApp
{
    public Dictionary<string, string> Numbers { get; } = [];
    public Dictionary<string, string> Bins { get; } = [];
    public const string IndividualIin = "880101300010";
    static readonly DateOnly Day = new(2026, 3, 2);

    public async Task LoadAsync()
    {
        if (Numbers.Count > 0) return;
        var officer = Officer();
        async Task Issue(string label, string service, string name, string region, string? sector = null, string? subject = null, string applicant = "legal-entity", int day = 0,
            string? sameHolderAs = null)
        {
            var request = Scenario.For(service, applicant, submittedOn: Day.AddDays(day), name: name) with
            {
                Applicant = Scenario.For(service, applicant).Applicant with
                {
                    Name = name, Region = region, Identifier = sameHolderAs is null ? Scenario.For(service, applicant).Applicant.Identifier : Bins[sameHolderAs],
                },
                Sectors = sector is null ? (service == "attestation" ? ["power"] : []) : [sector],
                Subjects = subject is null ? Scenario.For(service).Subjects : [new SubmitApplication.SubjectDto(subject, null)],
            };
            Bins[label] = request.Applicant.Identifier ?? "";
            Numbers[label] = await officer.IssueAsync(request, decidedOn: Day.AddDays(day + 5));
        }
        await Issue("A", "attestation", "ТОО «Қарағанды Көмір Сервис»", "Қарағанды облысы", sector: "mining");
        await Issue("B", "permit", "ТОО «Атырау Мұнай Газ»", "Атырау облысы", subject: "Буровая установка БУ-2500", day: 1);
        await Issue("C", "declaration", "АО «Өскемен Титан-Магний»", "Шығыс Қазақстан облысы", subject: "Титано-магниевый комбинат", day: 2);
        await Issue("D", "fire-equipment-conclusion", "ТОО «Шымкент Цемент»", "Түркістан облысы", subject: "Огнетушитель ОП-5", day: 3);
        await Issue("E", "standard-agreement", "ИП Ёлкин Сергей", "Астана", applicant: "individual", subject: "Стандарт организации СТ 123-2026", day: 4);
        await Issue("F", "accreditation", "ТОО «Павлодар Энерго Аудит»", "Павлодар облысы", day: 5);
        await Issue("G", "attestation", "ТОО «Жезқазған Мыс»", "Ұлытау облысы", sector: "metallurgy", day: 6);
        await Issue("H", "permit", "ТОО «Қарағанды Энергоорталық»", "Қарағанды облысы", subject: "Котёл КВ-ГМ-100", day: 7);
        await Issue("I", "permit", "ТОО «Ақтөбе Хром Сервис»", "Ақтөбе облысы", subject: "Подъёмный кран КС-55713", day: 8);
        await Issue("J", "declaration", "ТОО «СМУ-197302»", "Астана", subject: "Склад взрывчатых материалов", day: 9);
        await Issue("K", "attestation", "ТОО «Каспий Бұрғылау»", "Атырау облысы", sector: "oil-and-gas", day: 10);
        await Issue("L", "permit", "ТОО «Мыс Өндіру Жезқазған»", "Ұлытау облысы", subject: "Конвейер ленточный", day: 11);
        await Issue("M", "fire-equipment-conclusion", "ТОО «Павлодар Жылу»", "Павлодар облысы", subject: "Спринклер СВН-15", day: -1);
        await Issue("N", "accreditation", "ТОО «Теплоэлектроэнергоснабжение»", "Астана", day: 12);
        // A holder renamed between two documents: P is issued under the new name, with the old one as a former name.
        await Issue("O", "standard-agreement", "ТОО «Көкжиек Жарық»", "Абай облысы", subject: "Стандарт организации СТ 77-2026", day: 13);
        await Issue("P", "standard-agreement", "ТОО «Алтын Шам»", "Абай облысы", subject: "Стандарт организации СТ 78-2026", day: 14, sameHolderAs: "O");
        await officer.PostJsonAsync($"/api/v1/documents/{Numbers["F"]}/suspend", new ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await officer.PostJsonAsync($"/api/v1/documents/{Numbers["G"]}/revoke", new ChangeDocumentStatus.Request("Решение суда", null, null), Guid.NewGuid().ToString());
        await WaitForProjectionsAsync();
    }

    public ISearchQuery Search => Services.GetRequiredService<ISearchQuery>();
}

/// <summary>Expected hits by label. Ordered: the hits must come first in exactly this order. Contains: at least these.
/// Otherwise: exactly this set, with an exact total and exact facets. FormerNames: the former names each expected hit shows.
/// ReadAs: the query the page says it answers instead of the one typed (none unless given); ReadFilters: the kind and region
/// that reading searched among.</summary>
public sealed record SearchCase(string Name, Func<SearchSuiteApp, SearchRequest> Request, string[] Expected, bool Ordered = false, bool Contains = false,
    SearchTier? Match = null, Dictionary<string, string[]>? FormerNames = null, string? ReadAs = null, SearchReadFilters? ReadFilters = null)
{
    public override string ToString() => Name;
}

public static class SearchCases
{
    static SearchCase Q(string name, string q, params string[] expected) => new(name, _ => new SearchRequest(q), expected);

    static SearchCase Ranked(string name, string q, params string[] expected) => new(name, _ => new SearchRequest(q), expected, Ordered: true);

    /// <summary>The number as a person types it without the sequence's leading zeros: ATT-2026-1.</summary>
    static string Unpadded(string number) => $"{number[..9]}{int.Parse(number[9..], System.Globalization.CultureInfo.InvariantCulture)}";

    public static readonly SearchCase[] All =
    [
        // Spellings
        Q("Kazakh spelling finds both Karaganda holders", "Қарағанды", "A", "H"),
        Q("Russian spelling finds the same", "Караганды", "A", "H"),
        Q("Kazakh Latin finds the same", "Qaragandy", "A", "H"),
        Q("Russian-style Latin finds the same", "Karagandy", "A", "H"),
        Q("Upper case does not matter", "ҚАРАҒАНДЫ", "A", "H"),
        Q("Kazakh letters folded: мұнай = мунай", "Атырау мунай", "B"),
        Q("Latin name", "Atyrau Munai", "B"),
        Q("ө folds to о", "Оскемен", "C"),
        Q("Latin with diacritics", "Öskemen", "C"),
        Q("Words of a hyphenated name", "титан магний", "C"),
        Q("Cyrillic city name", "Шымкент", "D"),
        Q("Latin digraph sh", "Shymkent", "D"),
        Q("ё folds to е", "Елкин", "E"),
        Q("ё typed as ё", "Ёлкин", "E"),
        Q("A word prefix matches", "Павлод", "F", "M"),
        Q("The last word may be unfinished", "Павлодар Энерг", "F"),
        Q("A word followed by another was typed to its end", "Павлод Энерго"),
        Q("The beginning of a word longer than 20 letters, itself over 20 letters", "Теплоэлектроэнергоснаб", "N"),
        Q("A one-letter word is the beginning of a word, as the others", "Ёлкин С", "E"),
        Q("A last Latin letter that begins a digraph also begins it: z is also zh (Жылу)", "Павлодар Z", "M"),
        Q("Kazakh ғ and ж in Latin", "Zhezqazgan", "G", "L"),
        Q("Russian spelling of Жезқазған", "Жезказган", "G", "L"),
        // Forgiving input
        new("A small typo still finds the holder", _ => new SearchRequest("Карагнды комир"), ["A"], Contains: true),
        new("A typo in Latin spelling", _ => new SearchRequest("Qaragndy"), ["A", "H"], Contains: true),
        new("A letter left out of a short city name", _ => new SearchRequest("Актбе"), ["I"], Contains: true),
        Q("A legal form spelled out is its short form", "Товарищество с ограниченной ответственностью «Шымкент Цемент»", "D"),
        Q("A legal form spelled out after the name, as Kazakh names have it", "«Өскемен Титан-Магний» акционерное общество", "C"),
        Q("An English legal form is the Russian short form", "Shymkent Tsement LLP", "D"),
        Q("A legal form spelled out is no other form", "Акционерное общество «Шымкент Цемент»"),
        new("Typed with the English keyboard layout on: Rfhfufyls is Караганды", _ => new SearchRequest("Rfhfufyls"), ["A", "H"], ReadAs: "Караганды"),
        new("Typed with the Russian keyboard layout on: Ырньлуте is Shymkent", _ => new SearchRequest("Ырньлуте"), ["D"], ReadAs: "Shymkent"),
        Q("A query that finds something as typed is not read on the other layout", "Мыс", "G", "L"),
        new("A name typed in one word with a capital inside is read as its words", _ => new SearchRequest("ЖезқазғанМыс"), ["G", "L"], ReadAs: "Жезқазған Мыс"),
        new("A one-word name typed in parts is read as one word, its legal form apart", _ => new SearchRequest("ТОО Тепло Электро Энерго Снабжение"), ["N"],
            ReadAs: "ТОО ТеплоЭлектроЭнергоСнабжение"),
        Q("Nor is one that finds nothing either way", "Jkjkj"),
        new("A region named after the name, as an address gives it, is read as the region filter", _ => new SearchRequest("Шымкент Цемент, Түркістан облысы"), ["D"],
            ReadAs: "Шымкент Цемент", ReadFilters: new(null, "Түркістан облысы")),
        new("A region's Russian name in another case", _ => new SearchRequest("ТОО Павлодарской обл."), ["F", "M"], ReadAs: "ТОО", ReadFilters: new(null, "Павлодар облысы")),
        new("A city marked as one, alone, lists what its holders hold", _ => new SearchRequest("г. Астана"), ["E", "J", "N"], ReadAs: "", ReadFilters: new(null, "Астана")),
        new("A region's abbreviation", _ => new SearchRequest("Титан ВКО"), ["C"], ReadAs: "Титан", ReadFilters: new(null, "Шығыс Қазақстан облысы")),
        new("A place marked as a city is read as its region", _ => new SearchRequest("Энергоорталық г. Караганда"), ["H"], ReadAs: "Энергоорталық",
            ReadFilters: new(null, "Қарағанды облысы")),
        new("A region named in the query does not override the region filter set", _ => new SearchRequest("Шымкент Цемент, Түркістан облысы", Region: "Астана"), []),
        new("A kind of document named in the query is read as the kind filter", _ => new SearchRequest("разрешение Мыс"), ["L"], ReadAs: "Мыс",
            ReadFilters: new("permit", null)),
        new("An accreditation certificate is an аттестат аккредитации", _ => new SearchRequest("аттестат аккредитации Павлодар"), ["F"], ReadAs: "Павлодар",
            ReadFilters: new("accreditation", null)),
        new("A kind and a region named together, in Kazakh, list the kind's documents there", _ => new SearchRequest("рұқсат Қарағанды облысы"), ["H"], ReadAs: "",
            ReadFilters: new("permit", "Қарағанды облысы")),
        new("The words around a kind go with it: a letter of agreement is every agreement letter", _ => new SearchRequest("Письмо о согласовании"), ["E", "O", "P"],
            ReadAs: "", ReadFilters: new("standard-agreement", null)),
        new("The same in Kazakh, after a holder's name", _ => new SearchRequest("Алтын Шам ұйым стандартын келісу хаты"), ["P"], ReadAs: "Алтын Шам",
            ReadFilters: new("standard-agreement", null)),
        Q("A query naming two kinds of document is not read as either", "разрешение декларация Мыс"),
        new("A kind named in the query does not override the kind filter set", _ => new SearchRequest("разрешение Мыс", Kind: "attestation"), []),
        Q("A former name of the city: Гурьев is Атырау", "Гурьев", "B"),
        Q("The Russian name of the city: Усть-Каменогорск is Өскемен", "Усть-Каменогорск", "C"),
        Q("A Soviet name: Актюбинск is Ақтөбе", "Актюбинск", "I"),
        Q("A name of two words typed as one: Устькаменогорск is Өскемен", "Устькаменогорск", "C"),
        Q("The Russian name of the city in Latin, which spells no soft sign: Ust-Kamenogorsk is Өскемен", "Ust-Kamenogorsk", "C"),
        Q("The Russian name of the city typed without its soft sign", "Уст-Каменогорск", "C"),
        Q("х spelled kh, as passports spell it, in a word being typed: Aqtobe Khro", "Aqtobe Khro", "I"),
        new("ғ spelled gh, as older Kazakh romanization spells it, in a word being typed: Qaragh", _ => new SearchRequest("Qaragh"), ["A", "H"], Contains: true),
        Q("Digits inside a holder's name", "197302", "J"),
        new("A former name finds the renamed holder, and its hit shows the name it was found by", _ => new SearchRequest("Көкжиек Жарық"), ["O", "P"],
            FormerNames: new() { ["O"] = [], ["P"] = ["ТОО «Көкжиек Жарық»"] }),
        new("The new name finds only what was issued under it", _ => new SearchRequest("Алтын Шам"), ["P"], FormerNames: new() { ["P"] = ["ТОО «Көкжиек Жарық»"] }),
        // K's sector is the code oil-and-gas, searched by its names, Мұнай-газ саласы / Нефтегазовая отрасль.
        Q("A Latin word finds names: gaz", "gaz", "B", "K"),
        Q("An English sector code is not a word: gas", "gas"),
        Q("A sector code is searched by its name: нефтегазовая", "нефтегазовая", "K"),
        // Numbers and BINs
        new("Exact number", s => new SearchRequest(s.Numbers["A"]), ["A"], Match: SearchTier.Exact),
        new("Number in lower case with spaces", s => new SearchRequest(s.Numbers["A"].ToLowerInvariant().Replace('-', ' ')), ["A"]),
        new("Number typed with Cyrillic look-alike letters", s => new SearchRequest(s.Numbers["A"].Replace("ATT", "АТТ", StringComparison.Ordinal)), ["A"]),
        new("Number without its leading zeros", s => new SearchRequest(Unpadded(s.Numbers["A"])), ["A"], Match: SearchTier.Exact),
        new("Number with a zero too many", s => new SearchRequest($"{s.Numbers["A"][..9]}0{s.Numbers["A"][9..]}"), ["A"], Match: SearchTier.Exact),
        new("A number pasted with the words around it", s => new SearchRequest($"Рұқсат № {s.Numbers["B"]} от 01.03.2026"), ["B"], Match: SearchTier.Exact),
        new("A number in a link to its page", s => new SearchRequest($"https://registry.example.kz/ru/documents/{s.Numbers["B"]}"), ["B"], Match: SearchTier.Exact),
        new("A number's kind letters spelled in Cyrillic (ПРМ)", s => new SearchRequest("ПРМ" + s.Numbers["B"][3..]), ["B"], Match: SearchTier.Exact),
        new("A number's kind letters typed on the Russian layout (ЗКЬ)", s => new SearchRequest("ЗКЬ " + Unpadded(s.Numbers["B"])[4..]), ["B"], Match: SearchTier.Exact),
        new("Number with the letter O for zeros", s => new SearchRequest(s.Numbers["B"][..4] + s.Numbers["B"][4..].Replace('0', 'O')), ["B"], Match: SearchTier.Exact),
        new("The last digits of a number find it", s => new SearchRequest(s.Numbers["B"][^6..]), ["B"], Contains: true),
        new("A number prefix lists that kind and year", _ => new SearchRequest("ATT-2026"), ["A", "G", "K"], Match: SearchTier.NumberPrefix),
        new("A number prefix with its kind typed on the Russian layout (ФЕЕ-2026)", _ => new SearchRequest("ФЕЕ-2026"), ["A", "G", "K"], Match: SearchTier.NumberPrefix),
        new("The beginning of a sequence lists the numbers it begins, not a number of zeros", _ => new SearchRequest("ATT-2026-0000"), ["A", "G", "K"],
            Match: SearchTier.NumberPrefix),
        new("A kind's letters alone list its numbers, in Cyrillic look-alikes too", _ => new SearchRequest("атт"), ["A", "G", "K"], Match: SearchTier.NumberPrefix),
        new("A BIN finds its holder's documents", s => new SearchRequest(s.Bins["A"]), ["A"], Match: SearchTier.Exact),
        new("A BIN typed with spaces", s => new SearchRequest($"{s.Bins["A"][..4]} {s.Bins["A"][4..8]} {s.Bins["A"][8..]}"), ["A"]),
        new("A BIN copied with its label", s => new SearchRequest($"БИН: {s.Bins["A"]}"), ["A"], Match: SearchTier.Exact),
        new("The first digits of a BIN with its Kazakh label", s => new SearchRequest($"БСН {s.Bins["A"][..8]}"), ["A"], Contains: true),
        new("An individual's IIN with its label finds nothing", _ => new SearchRequest($"ИИН {SearchSuiteApp.IndividualIin}"), []),
        Q("A label alone is a word, not the whole registry", "БИН"),
        new("The first digits of a BIN find the legal entity", s => new SearchRequest(s.Bins["A"][..8]), ["A"], Contains: true),
        new("An individual's IIN finds nothing", _ => new SearchRequest(SearchSuiteApp.IndividualIin), []),
        new("The first digits of an IIN find nothing", _ => new SearchRequest(SearchSuiteApp.IndividualIin[..8]), []),
        // Ranking
        Ranked("Newest first among equally relevant valid documents", "Қарағанды", "H", "A"),
        Ranked("Valid before suspended, even when older", "Павлодар", "M", "F"),
        Ranked("The words together before the words apart, even revoked", "Жезказган мыс", "G", "L"),
        // Filters
        new("Kind filter narrows a name search", _ => new SearchRequest("Қарағанды", Kind: "permit"), ["H"]),
        new("Another kind filter", _ => new SearchRequest("Караганды", Kind: "attestation"), ["A"]),
        new("Status filter: suspended", _ => new SearchRequest(Status: "suspended"), ["F"]),
        new("Status filter: revoked", _ => new SearchRequest(Status: "revoked"), ["G"]),
        new("Kind alone", _ => new SearchRequest(Kind: "declaration"), ["C", "J"]),
        new("Region filter", _ => new SearchRequest(Region: "Атырау облысы"), ["B", "K"]),
        new("Sector filter", _ => new SearchRequest(Sector: "mining"), ["A"]),
        new("BIN filter", s => new SearchRequest(Bin: s.Bins["H"]), ["H"]),
        new("Issue-date window", _ => new SearchRequest(IssuedFrom: new DateOnly(2026, 3, 8), IssuedTo: new DateOnly(2026, 3, 9)), ["B", "C"]),
        Q("Scope words: a permitted device", "буровая установка", "B"),
        Q("Scope words: a fire product", "огнетушитель", "D"),
        Q("Nothing matches an unknown name", "Несуществующая Компания Зет"),
        new("Nothing matches an unknown name, sorted by number", _ => new SearchRequest("Несуществующая Компания Зет", Sort: SearchSort.Number), []),
        new("Nothing matches an unknown name, newest first", _ => new SearchRequest("Несуществующая Компания Зет", Sort: SearchSort.IssuedNewest), []),
        // Sorts
        new("Sort by number", _ => new SearchRequest(Kind: "attestation", Sort: SearchSort.Number), ["A", "G", "K"], Ordered: true),
        new("Newest first", _ => new SearchRequest(Kind: "permit", Sort: SearchSort.IssuedNewest), ["L", "I", "H", "B"], Ordered: true),
        new("Oldest first", _ => new SearchRequest(Kind: "permit", Sort: SearchSort.IssuedOldest), ["B", "H", "I", "L"], Ordered: true),
    ];

    public static TheoryData<SearchCase> Cases()
    {
        var data = new TheoryData<SearchCase>();
        foreach (var c in All) data.Add(c);
        return data;
    }

    public static async Task AssertAsync(SearchSuiteApp app, SearchCase c)
    {
        var page = await app.Search.SearchAsync(c.Request(app) with { Limit = 50 }, CancellationToken.None);
        var byNumber = app.Numbers.ToDictionary(kv => kv.Value, kv => kv.Key);
        var labels = page.Items.Select(i => byNumber.GetValueOrDefault(i.Number, i.Number)).ToList();
        if (c.Ordered) Assert.Equal(c.Expected, labels.Take(c.Expected.Length));
        else if (c.Contains) Assert.Subset(labels.ToHashSet(), c.Expected.ToHashSet());
        else Assert.Equal(c.Expected.Order(), labels.Order());
        if (c.Match is { } match) Assert.All(page.Items.Where(i => c.Expected.Contains(byNumber.GetValueOrDefault(i.Number))), i => Assert.Equal(match, i.Match));
        foreach (var (label, formerNames) in c.FormerNames ?? [])
            Assert.Equal(formerNames, page.Items.Single(i => i.Number == app.Numbers[label]).HolderFormerNames);
        Assert.Equal(c.ReadAs, page.ReadAs);
        Assert.Equal(c.ReadFilters, page.ReadFilters);
        Assert.Equal(TotalRelation.Eq, page.TotalRelation);
        Assert.True(page.Facets.Exact);
        if (c.Contains) return;
        Assert.Equal(labels.Count, page.Total);
        // Exact facets count the same documents as the page.
        var kinds = page.Items.GroupBy(i => i.Kind).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(kinds.OrderBy(k => k.Key), page.Facets.Kind.Select(f => KeyValuePair.Create(f.Value, f.Count)).OrderBy(k => k.Key));
    }

    /// <summary>Keyset pages of three walk the whole answer once, in the order of one large page.</summary>
    public static async Task AssertPagingAsync(SearchSuiteApp app, SearchRequest request)
    {
        var all = await app.Search.SearchAsync(request with { Limit = 100 }, CancellationToken.None);
        var paged = new List<string>();
        string? cursor = null;
        do
        {
            var page = await app.Search.SearchAsync(request with { Limit = 3, Cursor = cursor }, CancellationToken.None);
            paged.AddRange(page.Items.Select(i => i.Number));
            Assert.Equal(all.Total, page.Total);
            cursor = page.NextCursor;
        }
        while (cursor is not null && paged.Count <= all.Items.Count);
        Assert.Equal(all.Items.Select(i => i.Number), paged);
    }

    public static TheoryData<string?, string?> PagedQueries() => new()
    {
        { null, null },
        { "тоо", null },
        { "тоо", "issuedNewest" },
        { "000001", null },
    };

    public static SearchRequest Paged(string? q, string? sort) =>
        new(q, Sort: sort is null ? SearchSort.Relevance : Enum.Parse<SearchSort>(sort, ignoreCase: true));
}

/// <summary>The suite on the embedded PostgreSQL backend.</summary>
public sealed class PostgresSearchSuiteTests(SearchSuiteApp app) : IClassFixture<SearchSuiteApp>
{
    [Theory]
    [MemberData(nameof(SearchCases.Cases), MemberType = typeof(SearchCases))]
    public async Task Search_case(SearchCase c)
    {
        await app.LoadAsync();
        await SearchCases.AssertAsync(app, c);
    }

    [Theory]
    [MemberData(nameof(SearchCases.PagedQueries), MemberType = typeof(SearchCases))]
    public async Task Keyset_pages_walk_the_answer_once_in_order(string? q, string? sort)
    {
        await app.LoadAsync();
        await SearchCases.AssertPagingAsync(app, SearchCases.Paged(q, sort));
    }
}

/// <summary>The pair counts of broad words (read.search_term_pairs, migration 0204) that bound a query of several broad
/// words without reading its matches. The suite's words are few documents each, so the test admits every word in more
/// than one document, as <see cref="BroadWordPairs"/> admits words in more than 10,000.</summary>
public sealed class WordPairCountTests(SearchSuiteApp app) : IClassFixture<SearchSuiteApp>
{
    internal const string Recount = """
        with held as (
            select d.document_id, t.term from read.documents d, unnest(tsvector_to_array(d.search)) as t(term)
            where t.term in (select term from read.search_pair_terms))
        select a.term || '|' || b.term || '|' || count(*) from held a join held b on b.document_id = a.document_id and a.term < b.term
        group by a.term, b.term order by 1
        """;

    // What a reader sees: the counts and what is still queued (migration 0330), summed in one snapshot.
    internal const string Kept = """
        select term_a || '|' || term_b || '|' || sum(documents) from (
            select term_a, term_b, documents from read.search_term_pairs
            union all select term_a, term_b, documents from read.search_pair_pending) p
        group by term_a, term_b having sum(documents) <> 0 order by 1
        """;

    internal const string RecountFacets = """
        with held as (
            select d.document_id, d.kind, d.status, coalesce(d.region, '') as region, t.term from read.documents d, unnest(tsvector_to_array(d.search)) as t(term)
            where t.term in (select term from read.search_pair_terms))
        select a.term || '|' || b.term || '|' || a.kind || '|' || a.status || '|' || a.region || '|' || count(*)
        from held a join held b on b.document_id = a.document_id and a.term < b.term
        group by a.term, b.term, a.kind, a.status, a.region order by 1
        """;

    internal const string KeptFacets = """
        select term_a || '|' || term_b || '|' || kind || '|' || status || '|' || region || '|' || sum(documents) from (
            select term_a, term_b, kind, status, region, documents from read.search_term_pair_facets
            union all select term_a, term_b, kind, status, region, documents from read.search_pair_pending) p
        group by term_a, term_b, kind, status, region having sum(documents) <> 0 order by 1
        """;

    internal const string FoldedFacets = """
        select term_a || '|' || term_b || '|' || kind || '|' || status || '|' || region || '|' || documents
        from read.search_term_pair_facets where documents <> 0 order by 1
        """;

    /// <summary>Admitted words' pairs and their facets are counted from the documents there and then, and from then on the
    /// projector keeps them: new documents (one naming two admitted words, one of them twice), a suspension and a revocation
    /// (which move a document's pairs from one status to another).</summary>
    [Fact]
    public async Task Admitted_words_pairs_are_counted_and_then_kept_by_the_projector()
    {
        await app.LoadAsync();
        var admitted = await BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None);
        Assert.Contains("тоо", admitted);
        Assert.Empty(await BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var counted = (await conn.QueryAsync<string>(Kept)).ToList();
        Assert.Contains(counted, row => row.StartsWith("павлодар|тоо|", StringComparison.Ordinal));
        Assert.Equal((await conn.QueryAsync<string>(Recount)).ToList(), counted);
        var facets = (await conn.QueryAsync<string>(KeptFacets)).ToList();
        Assert.Equal((await conn.QueryAsync<string>(RecountFacets)).ToList(), facets);

        var officer = app.Officer();
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Павлодар Сервис Павлодар»"), new DateOnly(2026, 3, 20));
        var number = await officer.IssueAsync(Scenario.For("attestation", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Атырау Сервис»"), new DateOnly(2026, 3, 21));
        await officer.PostJsonAsync($"/api/v1/documents/{number}/suspend", new ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await officer.PostJsonAsync($"/api/v1/documents/{app.Numbers["B"]}/revoke", new ChangeDocumentStatus.Request("Решение суда", null, null), Guid.NewGuid().ToString());
        await app.WaitForProjectionsAsync();

        var kept = (await conn.QueryAsync<string>(Kept)).ToList();
        Assert.NotEqual(counted, kept);
        Assert.Equal((await conn.QueryAsync<string>(Recount)).ToList(), kept);
        var keptFacets = (await conn.QueryAsync<string>(KeptFacets)).ToList();
        Assert.Contains(keptFacets, row => row.Contains("|suspended|", StringComparison.Ordinal));
        Assert.Contains(keptFacets, row => row.Contains("|revoked|", StringComparison.Ordinal));
        Assert.Equal((await conn.QueryAsync<string>(RecountFacets)).ToList(), keptFacets);

        // The app's own fold may be under way (this one then skips its round): fold until the queue is empty.
        for (var folds = 0; folds < 100 && await conn.ExecuteScalarAsync<long>("select count(*) from read.search_pair_queue") > 0; folds++)
        {
            await BroadWordPairs.FoldAsync(app.DataSource, CancellationToken.None);
            await Task.Delay(20);
        }
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from read.search_pair_queue"));
        Assert.Equal(keptFacets, (await conn.QueryAsync<string>(FoldedFacets)).ToList());
    }
}

/// <summary>The pair changes the projector queues (read.search_pair_queue, migration 0330) and BroadWordPairs folds.</summary>
public sealed class QueuedWordPairTests(SearchSuiteApp app) : IClassFixture<SearchSuiteApp>
{
    /// <summary>A word admitted while the projector's pair changes wait in the queue: the admission folds them with the
    /// words counted before it and counts the new word's pairs from the documents, so no document counts twice.</summary>
    [Fact]
    public async Task A_word_admitted_while_pairs_wait_in_the_queue_counts_each_document_once()
    {
        await app.LoadAsync();
        await BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using (var hold = await app.DataSource.OpenConnectionAsync())
        {
            // Holds folds back (as an admission under way does), so the new documents' pairs stay queued.
            await hold.ExecuteAsync("select pg_advisory_lock(@Lock)", new { BroadWordPairs.Lock });
            var officer = app.Officer();
            await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Тасқынбек Сервис»"), new DateOnly(2026, 3, 20));
            await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Тасқынбек Инвест»"), new DateOnly(2026, 3, 20));
            await app.WaitForProjectionsAsync();
            Assert.NotEqual(0, await conn.ExecuteScalarAsync<long>("select count(*) from read.search_pair_queue where 'таскинбек' = any(terms)"));
            await hold.ExecuteAsync("select pg_advisory_unlock(@Lock)", new { BroadWordPairs.Lock });
        }

        Assert.Contains("таскинбек", await BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None));
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>("select count(*) from read.search_pair_queue"));
        Assert.Equal((await conn.QueryAsync<string>(WordPairCountTests.RecountFacets)).ToList(), (await conn.QueryAsync<string>(WordPairCountTests.FoldedFacets)).ToList());
        Assert.Equal((await conn.QueryAsync<string>(WordPairCountTests.Recount)).ToList(), (await conn.QueryAsync<string>(WordPairCountTests.Kept)).ToList());
    }

    /// <summary>An admission counts a new word's pairs (a second at 1M documents) before it writes anything, so for that
    /// second it holds no transaction id: one would hold every projector back (the outbox is read only below the oldest
    /// transaction still running). Held up on a lock in the middle of its counting, it has none.</summary>
    [Fact]
    public async Task An_admission_counts_before_it_takes_a_transaction_id()
    {
        await app.LoadAsync();
        await BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None);
        var officer = app.Officer();
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Шалкиябай Сервис»"), new DateOnly(2026, 3, 20));
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Шалкиябай Инвест»"), new DateOnly(2026, 3, 20));
        await app.WaitForProjectionsAsync();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var hold = await app.DataSource.OpenConnectionAsync();
        await using var holding = await hold.BeginTransactionAsync();
        await hold.ExecuteAsync("lock table read.search_rows in access exclusive mode", transaction: holding);

        var admission = BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None);
        (string? Xid, string Query)? counting = null;
        for (var waited = 0; waited < 200 && counting is null; waited++)
        {
            await Task.Delay(50);
            counting = await conn.QuerySingleOrDefaultAsync<(string?, string)?>("""
                select backend_xid::text, query from pg_stat_activity
                where wait_event_type = 'Lock' and query like '%from held a join held b%' and datname = current_database()
                """);
        }
        await holding.CommitAsync();
        Assert.Contains("шалкииабаи", await admission);
        Assert.NotNull(counting);
        Assert.Null(counting.Value.Xid);
    }

    /// <summary>A fold that has started writing (its queued rows deleted, so it holds a transaction id) and waits does not
    /// keep the projector from a decision committed meanwhile: it declared that it writes no outbox.</summary>
    [Fact]
    public async Task A_fold_under_way_does_not_hold_the_projector_back()
    {
        await app.LoadAsync();
        var officer = app.Officer();
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Шалкарбай Сервис»"), new DateOnly(2026, 3, 20));
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Шалкарбай Инвест»"), new DateOnly(2026, 3, 20));
        await app.WaitForProjectionsAsync();
        Assert.Contains("шалкарбаи", await BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var hold = await app.DataSource.OpenConnectionAsync();
        await using var holding = await hold.BeginTransactionAsync();
        await hold.ExecuteAsync("lock table read.search_term_pair_facets in exclusive mode", transaction: holding);

        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Шалкарбай Сервис Плюс»"), new DateOnly(2026, 3, 20));
        string? foldXid = null;
        for (var waited = 0; waited < 200 && foldXid is null; waited++)
        {
            await Task.Delay(50);
            foldXid = await conn.QuerySingleOrDefaultAsync<string?>("""
                select backend_xid::text from pg_stat_activity
                where wait_event_type = 'Lock' and query like '%insert into read.search_term_pair_facets%' and datname = current_database()
                """);
        }
        Assert.NotNull(foldXid);
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Шалкарбай Инвест Плюс»"), new DateOnly(2026, 3, 20));
        await app.WaitForProjectionsAsync();
        await holding.CommitAsync();
    }

    /// <summary>The statements a search of two counted words reads its pair counts and its total from add what is still
    /// queued: a document issued while folds are held back is in both.</summary>
    [Fact]
    public async Task A_search_s_pair_counts_and_totals_add_what_is_queued()
    {
        await app.LoadAsync();
        var officer = app.Officer();
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Жаркентбай Сервис»"), new DateOnly(2026, 3, 20));
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Жаркентбай Инвест»"), new DateOnly(2026, 3, 20));
        await app.WaitForProjectionsAsync();
        Assert.Contains("жаркентбаи", await BroadWordPairs.AdmitAsync(app.DataSource, 1, CancellationToken.None));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var hold = await app.DataSource.OpenConnectionAsync();
        await hold.ExecuteAsync("select pg_advisory_lock(@Lock)", new { BroadWordPairs.Lock });
        await officer.IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 16), name: "ТОО «Жаркентбай Сервис Плюс»"), new DateOnly(2026, 3, 20));
        await app.WaitForProjectionsAsync();
        Assert.NotEqual(0, await conn.ExecuteScalarAsync<long>("select count(*) from read.search_pair_queue where 'жаркентбаи' = any(terms)"));

        var plan = await PostgresSearchQuery.PlanAsync(conn, new SearchRequest("Сервис Жаркентбай"), CancellationToken.None);
        var (terms, pairs) = await PostgresSearchQuery.ReadPairCountsAsync(conn, plan, CancellationToken.None);
        Assert.Equal(2, pairs[("жаркентбаи", "сервис")]);
        var totals = plan.PairTotals(terms, pairs);
        Assert.NotNull(totals);
        var (_, total, facets) = await conn.QuerySingleAsync<(long, long, string)>(totals, plan.Parameters);
        Assert.Equal(2, total);
        Assert.Contains("\"count\" : 2", facets, StringComparison.Ordinal);
        await hold.ExecuteAsync("select pg_advisory_unlock(@Lock)", new { BroadWordPairs.Lock });
    }
}

/// <summary>The per-word counts (read.search_term_facets) that total and facet a one-word query without reading its matches.</summary>
public sealed class SearchTermFacetsTests(SearchSuiteApp app) : IClassFixture<SearchSuiteApp>
{
    /// <summary>Issued, suspended and revoked documents: the projector keeps every word's count per kind, status and region
    /// equal to a count of the documents.</summary>
    [Fact]
    public async Task The_projector_keeps_per_word_counts_equal_to_the_documents()
    {
        await app.LoadAsync();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        const string Recount = """
            select term || '|' || kind || '|' || status || '|' || coalesce(region, '') || '|' || count(*)
            from read.documents, unnest(tsvector_to_array(search)) as term group by term, kind, status, coalesce(region, '') order by 1
            """;
        const string Kept = """
            select term || '|' || kind || '|' || status || '|' || region || '|' || documents from read.search_term_facets where documents <> 0 order by 1
            """;
        var expected = (await conn.QueryAsync<string>(Recount)).ToList();
        Assert.Contains(expected, row => row.Contains("|suspended|", StringComparison.Ordinal));
        Assert.Equal(expected, (await conn.QueryAsync<string>(Kept)).ToList());
    }

    /// <summary>Every word's first place in the search order (migration 0360) is at or before each document holding it,
    /// and exactly the first such document's unless one of its documents has since moved later (suspended, revoked).</summary>
    [Fact]
    public async Task The_projector_keeps_every_word_s_first_place_at_or_before_its_documents()
    {
        await app.LoadAsync();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var words = (await conn.QueryAsync<(string Term, long? Kept, long First, bool Moved)>("""
            select t.term, t.first_order, min(d.search_order), bool_or(d.status <> 'valid')
            from read.documents d, unnest(tsvector_to_array(d.search)) as w(term) join read.search_terms t on t.term = w.term
            group by t.term, t.first_order
            """)).ToList();
        Assert.Contains(words, w => w.Moved);
        Assert.All(words, w => Assert.True(w.Kept <= w.First, $"{w.Term}: kept {w.Kept}, first document {w.First}"));
        Assert.All(words.Where(w => !w.Moved), w => Assert.Equal(w.First, w.Kept));
    }

    /// <summary>Every one-word case of the suite (place names under their other names, Latin spellings, typos, unfinished
    /// words) totals and facets the same from the per-word counts as from counting its matches.</summary>
    [Theory]
    [MemberData(nameof(SearchCases.Cases), MemberType = typeof(SearchCases))]
    public async Task Per_word_counts_total_and_facet_a_one_word_query_as_counting_its_matches_does(SearchCase c)
    {
        await app.LoadAsync();
        var request = c.Request(app) with { Limit = 50 };
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var plan = await PostgresSearchQuery.PlanAsync(conn, request, CancellationToken.None);
        if (plan.MatchesNothing || plan.TermCounts() is not { } sql) return;
        var counts = await conn.QuerySingleAsync<(long Residual, long Total, string Facets, long Documents)>(sql, plan.Parameters);
        var counted = await conn.QuerySingleAsync<(long Total, string Facets, string Items)>(plan.Counted(), plan.Parameters);
        Assert.InRange(counts.Residual, 0, SearchPlan.ResidualCap);
        Assert.Equal(counted.Total, counts.Total);
        Assert.Equal(Facets(counted.Facets), Facets(counts.Facets));
    }

    [Theory]
    [InlineData("Гурьев")]
    [InlineData("Qaragandy")]
    [InlineData("Усть-Каменогорск")]
    [InlineData("тоо")]
    public async Task Place_names_Latin_spellings_and_unfinished_words_are_counted_from_per_word_counts(string q)
    {
        await app.LoadAsync();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var plan = await PostgresSearchQuery.PlanAsync(conn, new SearchRequest(q), CancellationToken.None);
        Assert.NotNull(plan.TermCounts());
    }

    static List<string> Facets(string json) =>
        [.. System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(f => $"{f.GetProperty("facet").GetString()}={f.GetProperty("value").GetString()}:{f.GetProperty("count").GetInt64()}").Order(StringComparer.Ordinal)];
}
