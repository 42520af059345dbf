using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Documents;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>
/// A small registry written through the real write path, the same for every search backend: documents are named by
/// label (A…H) because their numbers are allocated at run time.
/// </summary>
public class SearchSuiteApp : RegistryApp
{
    public Dictionary<string, string> Numbers { get; } = [];
    public Dictionary<string, string> Bins { get; } = [];
    static readonly DateOnly Day = new(2026, 3, 2);

    public async Task LoadAsync()
    {
        if (Numbers.Count > 0) return;
        var officer = Officer();
        async Task Issue(string label, string service, string name, string region, string? sector = null, string? subject = null, string applicant = "legal-entity", int day = 0)
        {
            var request = Scenario.For(service, applicant, submittedOn: Day.AddDays(day), name: name) with
            {
                Applicant = Scenario.For(service, applicant).Applicant with { Name = name, Region = region },
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
        await Issue("I", "accreditation", "ТОО «Теплоэлектроэнергоснабжение»", "Астана", day: 8);
        await officer.PostJsonAsync($"/api/v1/documents/{Numbers["F"]}/suspend", new ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await officer.PostJsonAsync($"/api/v1/documents/{Numbers["G"]}/revoke", new ChangeDocumentStatus.Request("Решение суда", null, null), Guid.NewGuid().ToString());
        await WaitForProjectionsAsync();
    }

    public ISearchQuery Search => Services.GetRequiredService<ISearchQuery>();
}

/// <summary>Expected hits by label. Ordered: the hits must come first in exactly this order. Otherwise: exactly this set.</summary>
public sealed record SearchCase(string Name, Func<SearchSuiteApp, SearchRequest> Request, string[] Expected, bool Ordered = false, bool Contains = false)
{
    public override string ToString() => Name;
}

public static class SearchCases
{
    static SearchCase Q(string name, string q, params string[] expected) => new(name, _ => new SearchRequest(q), expected);

    public static readonly SearchCase[] All =
    [
        Q("Kazakh spelling finds both Karaganda holders", "Қарағанды", "A", "H"),
        Q("Russian spelling finds the same", "Караганды", "A", "H"),
        Q("Kazakh Latin finds the same", "Qaragandy", "A", "H"),
        Q("Russian-style Latin finds the same", "Karagandy", "A", "H"),
        Q("Upper case does not matter", "ҚАРАҒАНДЫ", "A", "H"),
        new("A small typo still finds the holder", _ => new SearchRequest("Карагнды комир"), ["A"], Contains: true),
        new("Two words rank the holder that has both first", _ => new SearchRequest("Қарағанды Көмір"), ["A"], Ordered: true),
        new("Russian transliteration of two Kazakh words ranks the holder first", _ => new SearchRequest("Караганды комир"), ["A"], Ordered: true),
        Q("Kazakh letters folded: мұнай = мунай", "Атырау мунай", "B"),
        Q("Latin name", "Atyrau Munai", "B"),
        Q("ө folds to о", "Оскемен", "C"),
        Q("Latin with diacritics", "Öskemen", "C"),
        Q("Words of a hyphenated name", "титан магний", "C"),
        Q("Cyrillic city name", "Шымкент", "D"),
        Q("Latin digraph sh", "Shymkent", "D"),
        Q("ё folds to е", "Елкин", "E"),
        Q("ё typed as ё", "Ёлкин", "E"),
        Q("A word prefix matches", "Павлод", "F"),
        Q("The beginning of a word longer than 20 letters, itself over 20 letters", "Теплоэлектроэнергоснаб", "I"),
        Q("A one-letter word is the beginning of a word, as the others", "Ёлкин С", "E"),
        Q("Kazakh ғ and ж in Latin", "Zhezqazgan", "G"),
        Q("Russian spelling of Жезқазған", "Жезказган", "G"),
        new("Exact number", s => new SearchRequest(s.Numbers["A"]), ["A"]),
        new("Number in lower case with spaces", s => new SearchRequest(s.Numbers["A"].ToLowerInvariant().Replace('-', ' ')), ["A"]),
        new("Number typed with Cyrillic look-alike letters", s => new SearchRequest(s.Numbers["A"].Replace("ATT", "АТТ", StringComparison.Ordinal)), ["A"]),
        new("The last digits of a number find it", s => new SearchRequest(s.Numbers["B"][^6..]), ["B"], Contains: true),
        new("A number prefix lists that kind and year", _ => new SearchRequest("ATT-2026"), ["A", "G"]),
        new("A BIN finds its holder's documents", s => new SearchRequest(s.Bins["A"]), ["A"]),
        new("A BIN typed with spaces", s => new SearchRequest($"{s.Bins["A"][..4]} {s.Bins["A"][4..8]} {s.Bins["A"][8..]}"), ["A"]),
        new("Kind filter narrows a name search", _ => new SearchRequest("Қарағанды", Kind: "permit"), ["H"]),
        new("Another kind filter", _ => new SearchRequest("Караганды", Kind: "attestation"), ["A"]),
        new("Status filter: suspended", _ => new SearchRequest(Status: "suspended"), ["F"]),
        new("Status filter: revoked", _ => new SearchRequest(Status: "revoked"), ["G"]),
        new("Kind alone", _ => new SearchRequest(Kind: "declaration"), ["C"]),
        new("Region filter", _ => new SearchRequest(Region: "Атырау облысы"), ["B"]),
        new("Sector filter", _ => new SearchRequest(Sector: "mining"), ["A"]),
        new("BIN filter", s => new SearchRequest(Bin: s.Bins["H"]), ["H"]),
        new("Issue-date window", _ => new SearchRequest(IssuedFrom: new DateOnly(2026, 3, 8), IssuedTo: new DateOnly(2026, 3, 9)), ["B", "C"]),
        Q("Scope words: a permitted device", "буровая установка", "B"),
        Q("Scope words: a fire product", "огнетушитель", "D"),
        Q("Nothing matches an unknown name", "Несуществующая Компания Зет"),
        new("Sort by number", _ => new SearchRequest(Kind: "attestation", Sort: SearchSort.Number), ["A", "G"], Ordered: true),
        new("Newest first", _ => new SearchRequest(Kind: "permit", Sort: SearchSort.IssuedNewest), ["H", "B"], Ordered: true),
        new("Oldest first", _ => new SearchRequest(Kind: "permit", Sort: SearchSort.IssuedOldest), ["B", "H"], Ordered: true),
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
        if (!c.Contains) Assert.Equal(labels.Count, page.Total);
    }
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
}
