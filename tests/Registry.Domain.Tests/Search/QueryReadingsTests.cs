using Registry.Domain.Documents;
using Registry.Domain.Search;

namespace Registry.Domain.Tests.Search;

public sealed class QueryReadingsTests
{
    [Theory]
    [InlineData("AlemGroup", "Alem Group")]
    [InlineData("АстанаСтрой", "Астана Строй")]
    [InlineData("ТОО KazMunayGas", "ТОО Kaz Munay Gas")]
    [InlineData("ЖезқазғанМыс", "Жезқазған Мыс")]
    public void A_word_with_a_capital_after_a_small_letter_is_read_as_its_words(string typed, string meant) =>
        Assert.Equal(meant, QueryReadings.WordsApart(typed));

    [Theory]
    [InlineData(null)]
    [InlineData("Alem Group")]
    [InlineData("ТОО ALEMGROUP")]   // capitals only: no small letter before them
    [InlineData("ATT-2024-1")]
    public void A_query_without_such_a_word_has_no_reading_apart(string? typed) => Assert.Null(QueryReadings.WordsApart(typed));

    [Theory]
    [InlineData("Alem Group", "AlemGroup")]
    [InlineData("Тепло Электро Энерго Снабжение", "ТеплоЭлектроЭнергоСнабжение")]
    [InlineData("ТОО Alem Group", "ТОО AlemGroup")]       // a legal form stays a word of its own
    [InlineData("Alem Group LLP", "LLP AlemGroup")]        // an English one too, put first
    [InlineData("ЖШС «Алем-Груп»", "ЖШС АлемГруп")]       // quotes and dashes part words
    public void The_words_of_a_name_are_read_as_one_word_legal_forms_apart(string typed, string meant) =>
        Assert.Equal(meant, QueryReadings.WordsTogether(typed));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("Alem")]           // one word: nothing to join
    [InlineData("ТОО Alem")]       // one word beside a legal form
    [InlineData("ТОО АО")]
    [InlineData("СМУ 112")]        // digits are no part of a joined name
    [InlineData("Alem Group2")]
    public void Fewer_than_two_words_of_letters_have_no_reading_together(string? typed) => Assert.Null(QueryReadings.WordsTogether(typed));

    [Fact]
    public void Readings_come_in_order_layout_then_apart_then_together()
    {
        Assert.Equal([new(QueryReadingKind.KeyboardLayout, "Фдуь Пкщгз"), new(QueryReadingKind.WordsTogether, "AlemGroup")], QueryReadings.Of("Alem Group"));
        Assert.Equal([new(QueryReadingKind.WordsApart, "Жезқазған Мыс")], QueryReadings.Of("ЖезқазғанМыс"));
        Assert.Equal([new(QueryReadingKind.KeyboardLayout, "ФдуьПкщгз"), new(QueryReadingKind.WordsApart, "Alem Group")], QueryReadings.Of("AlemGroup"));
        Assert.Empty(QueryReadings.Of("ATT-2024-1"));
        Assert.Equal(QueryReadingKind.Filters, QueryReadings.Of("Лифт Сервис г. Алматы").First().Kind);
    }

    [Theory]
    [InlineData("разрешение ТОО Лифт, Карагандинская обл.", "ТОО Лифт", "Қарағанды облысы", DocumentKind.Permit)]
    [InlineData("ТОО Лифт, г. Алматы", "ТОО Лифт", "Алматы", null)]
    [InlineData("аттестат ТОО Лифт", "ТОО Лифт", null, DocumentKind.Attestation)]
    [InlineData("рұқсат ВКО", "", "Шығыс Қазақстан облысы", DocumentKind.Permit)]
    public void A_region_and_a_kind_named_in_the_query_are_read_as_its_filters(string typed, string rest, string? region, DocumentKind? kind) =>
        Assert.Equal(new QueryReading(QueryReadingKind.Filters, rest, region, kind), QueryReadings.Filters(typed));

    [Theory]
    [InlineData("ТОО Лифт Алматы")]
    [InlineData(null)]
    public void A_query_naming_neither_has_no_filters_reading(string? typed) => Assert.Null(QueryReadings.Filters(typed));

    [Theory]
    [InlineData("тоо", true)]
    [InlineData("жшс", true)]
    [InlineData("ллп", true)]
    [InlineData("товарищество", false)] // a word of a long name is no legal form alone
    [InlineData("алем", false)]
    public void A_legal_form_word_is_a_short_form_or_a_long_name_of_one_word(string folded, bool form) =>
        Assert.Equal(form, LegalForms.Default.IsFormWord(folded));
}
