using Registry.Domain.Documents;
using Registry.Domain.Search;

namespace Registry.Domain.Tests.Search;

public sealed class DocumentKindNamesTests
{
    [Theory]
    [InlineData("разрешение Лифт", DocumentKind.Permit, "Лифт")]
    [InlineData("Разрешения ТОО «Лифт»", DocumentKind.Permit, "ТОО Лифт")]             // another case, the name's words as typed
    [InlineData("рұқсат", DocumentKind.Permit, "")]
    [InlineData("аттестат Астана Газ", DocumentKind.Attestation, "Астана Газ")]
    [InlineData("Астана Газ аттестация", DocumentKind.Attestation, "Астана Газ")]
    [InlineData("аттестат аккредитации Павлодар", DocumentKind.Accreditation, "Павлодар")] // an accreditation certificate
    [InlineData("Павлодар аккредиттеу аттестаты", DocumentKind.Accreditation, "Павлодар")]
    [InlineData("декларация Атырау", DocumentKind.Declaration, "Атырау")]
    [InlineData("шифр декларации", DocumentKind.Declaration, "")]                         // two words of one kind
    [InlineData("заключение огнетушитель", DocumentKind.FireEquipmentConclusion, "огнетушитель")]
    [InlineData("қорытынды", DocumentKind.FireEquipmentConclusion, "")]
    [InlineData("согласование стандарта", DocumentKind.StandardAgreement, "")]             // what is agreed says no more
    [InlineData("Письмо о согласовании", DocumentKind.StandardAgreement, "")]             // the words around a kind go with it
    [InlineData("письмо о согласовании стандарта организации ТОО Лифт", DocumentKind.StandardAgreement, "ТОО Лифт")]
    [InlineData("ұйым стандартын келісу хаты", DocumentKind.StandardAgreement, "")]
    [InlineData("свидетельство об аккредитации Павлодар", DocumentKind.Accreditation, "Павлодар")]
    [InlineData("certificate of accreditation", DocumentKind.Accreditation, "")]
    [InlineData("разрешение ТОО Обь Сервис", DocumentKind.Permit, "ТОО Обь Сервис")]     // a short word only as a whole word
    [InlineData("разрешение Стандарт Сервис", DocumentKind.Permit, "Стандарт Сервис")]   // what is beside one kind only
    [InlineData("permit Almaty", DocumentKind.Permit, "Almaty")]
    public void A_kind_named_in_a_query_is_found_and_the_rest_kept_as_typed(string q, DocumentKind kind, string rest) =>
        Assert.Equal(new KindInQuery(kind, rest), DocumentKindNames.Default.Find(q));

    [Theory]
    [InlineData("ТОО Лифт")]
    [InlineData("Письмо о стандарте")]        // words that go with a kind, and no kind
    [InlineData("разрешение декларация")]     // two kinds: neither
    [InlineData("Разрешительная система")]   // a word that only begins like one
    [InlineData("")]
    [InlineData(null)]
    public void A_query_that_names_no_kind_or_two_is_not_read_as_one(string? q) => Assert.Null(DocumentKindNames.Default.Find(q));

    [Theory]
    [InlineData("spaceship;ракета")]   // no such kind
    [InlineData("permit")]             // one field
    [InlineData("beside")]
    [InlineData("beside spaceship;бумаг")]
    [InlineData("beside permit attestation;бумаг")]
    public void A_line_that_is_not_a_kind_stops_the_start(string line) =>
        Assert.Contains("line 1", Assert.Throws<SearchDataException>(() => DocumentKindNames.Parse(line)).Message, StringComparison.Ordinal);

    [Fact]
    public void The_words_listed_beside_a_kind_go_with_it() => // four letters begin words: "бума" is "бумага"'s beginning
        Assert.Equal(new KindInQuery(DocumentKind.Permit, "ТОО Лифт"), DocumentKindNames.Parse("permit;разрешен\nbeside;бума|о").Find("бумага о разрешении ТОО Лифт"));

    [Fact]
    public void The_words_listed_beside_one_kind_go_with_it_only()
    {
        var names = DocumentKindNames.Parse("permit;разрешен\nattestation;аттестат\nbeside attestation;бума|о");
        Assert.Equal(new KindInQuery(DocumentKind.Attestation, "Лифт"), names.Find("бумага о аттестате Лифт"));
        Assert.Equal(new KindInQuery(DocumentKind.Permit, "бумага о Лифт"), names.Find("бумага о разрешении Лифт"));
    }

    [Fact]
    public void An_empty_beginning_names_nothing() => Assert.Null(DocumentKindNames.Parse("permit;|разрешен").Find("ТОО Лифт"));

    [Fact]
    public void Every_kind_is_named()
    {
        foreach (var kind in DocumentKinds.All)
            Assert.Contains(kind, new[] { "аттестат", "разрешение", "декларация", "аккредитация", "заключение", "согласование" }
                .Select(w => DocumentKindNames.Default.Find(w)?.Kind));
    }
}
