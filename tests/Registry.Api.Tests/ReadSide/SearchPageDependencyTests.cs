using Registry.Projections.Caching;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

/// <summary>Which changes drop a cached search page: those whose documents the page's query, as typed, could match.</summary>
public sealed class SearchPageDependencyTests
{
    static SearchTouch Words(params string[] words) => new(["ATT2026000001"], [], words);

    static bool Touches(string? q, SearchTouch touch) => SearchPageDependency.Of(new SearchRequest(q)).IsTouchedBy(touch);

    [Theory]
    [InlineData("Қарағанды", "караганды", true)]
    [InlineData("Қарағанды", "карагандинский", true)]
    [InlineData("Карага", "караганды", true)]
    [InlineData("Qaragandy", "караганды", true)]
    [InlineData("Карганды", "караганды", true)] // a typo the vocabulary would correct to it
    [InlineData("Караганды", "карганди", true)] // a new word one edit away: the vocabulary might correct to it now
    [InlineData("Актбе", "актобе", true)]
    [InlineData("Гурьев", "атирау", true)] // an old place name finds the new one
    [InlineData("Гурев", "атирау", true)] // the same, typed with a typo
    [InlineData("Қарағанды Көмір", "комир", true)]
    [InlineData("Қарағанды", "алмати", false)]
    [InlineData("Қарағанды Көмір", "сервис", false)]
    [InlineData("Лифт", "лифан", false)] // too short to be corrected, and not its beginning
    [InlineData("ТОО", "то", false)]
    [InlineData("Товарищество с ограниченной ответственностью Лифт", "тоо", true)] // a legal form spelled out finds its short form
    [InlineData("Tec", "течлифт", true)] // typed up to the c of ch: TechLift
    [InlineData("Tec ", "течлифт", false)] // a word typed to its end
    public void A_word_of_a_changed_document_touches_the_pages_it_could_answer(string q, string word, bool touched) =>
        Assert.Equal(touched, Touches(q, Words(word)));

    [Theory]
    [InlineData("ATT-2026-000001", true)]
    [InlineData("ATT-2026-1", true)]
    [InlineData("ATT-2026", true)]
    [InlineData("ATT-2026-0000", true)] // a sequence typed short: the beginning of numbers
    [InlineData("000001", true)]
    [InlineData("ATT-2026-000002", false)]
    [InlineData("PRM-2026", false)]
    public void A_changed_number_touches_the_number_readings_it_answers(string q, bool touched) =>
        Assert.Equal(touched, Touches(q, new SearchTouch(["ATT2026000001"], [], [])));

    [Theory]
    [InlineData("123456789012", true)]
    [InlineData("1234567", true)]
    [InlineData("123456789013", false)]
    [InlineData("223456", false)]
    public void A_changed_holder_s_bin_touches_the_bin_readings_it_answers(string q, bool touched) =>
        Assert.Equal(touched, Touches(q, new SearchTouch(["ATT2026000001"], ["123456789012"], [])));

    [Fact]
    public void A_page_of_filters_alone_is_touched_by_any_change_and_not_by_a_batch_that_changed_no_document()
    {
        var filtersAlone = SearchPageDependency.Of(new SearchRequest(null, Kind: "permit"));
        Assert.True(filtersAlone.IsTouchedBy(Words("алмати")));
        Assert.False(filtersAlone.IsTouchedBy(new SearchTouch([], [], [])));
    }
}
