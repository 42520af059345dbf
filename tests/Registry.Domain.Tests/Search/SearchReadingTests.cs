using Registry.Domain.Documents;
using Registry.Domain.Search;

namespace Registry.Domain.Tests.Search;

public sealed class SearchReadingTests
{
    [Theory]
    [InlineData("Қарағанды", "караганди")]
    [InlineData("Qaragandy", "караганди")]
    [InlineData("Сарыарқа", "сариарка")]
    [InlineData("Saryarqa", "сариарка")]
    [InlineData("Яблонка", "иаблонка")]
    [InlineData("Yablonka", "иаблонка")]
    [InlineData("ТОО «СМУ-197302»", "тоо сму 197302")]
    public void Every_spelling_of_a_name_folds_to_the_same_words(string typed, string folded) => Assert.Equal(folded, SearchText.Fold(typed));

    [Fact]
    public void Place_names_read_every_name_of_a_place_as_the_same_place()
    {
        Assert.Equal([["атирау"]], PlaceNames.Default.OtherNames("гурьев"));
        Assert.Contains(["гурьев"], PlaceNames.Default.OtherNames("атирау"));
        Assert.Equal([["оскемен"]], PlaceNames.Default.OtherNames("усть каменогорск"));
        Assert.Contains(["астана"], PlaceNames.Default.OtherNames("целиноград"));
        Assert.Contains(["актобе"], PlaceNames.Default.OtherNames(SearchText.Fold("Актюбинск")));
        Assert.Contains(["семеи"], PlaceNames.Default.OtherNames(SearchText.Fold("Семипалатинск")));
        Assert.Empty(PlaceNames.Default.OtherNames("павлодар"));
        Assert.Equal(2, PlaceNames.Default.LongestName);
    }

    [Fact]
    public void A_name_of_two_places_stops_the_file_from_loading() =>
        Assert.Throws<PlaceNamesDataException>(() => PlaceNames.Parse("Атырау;Атырау;Гурьев;Атырау облысы\nГурьевка;Гурьевка;Гурьев;Атырау облысы"));

    [Fact]
    public void A_malformed_line_names_its_number() =>
        Assert.Contains("line 2", Assert.Throws<PlaceNamesDataException>(() => PlaceNames.Parse("# comment\nАтырау;Атырау")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("караганди", "карагнди")] // a letter left out
    [InlineData("караганди", "каррганди")] // a letter changed
    [InlineData("актобе", "актбе")]
    [InlineData("павлодар", "павлдоар")] // two neighbours swapped
    [InlineData("сервис", "серсвис")] // a letter added
    public void One_typo_is_one_edit_away(string word, string typo) => Assert.Contains(word, Typos.OneEditAway(typo));

    [Theory]
    [InlineData("караганди", "крганди")]
    [InlineData("сервис", "сервис")]
    public void Two_edits_or_none_are_not_one_typo(string word, string typed) => Assert.DoesNotContain(word, Typos.OneEditAway(typed));

    [Theory]
    [InlineData("актбе", true)]
    [InlineData("мыс", false)]
    [InlineData("1973022", false)]
    public void Only_words_of_five_letters_or_more_are_corrected(string word, bool corrected) => Assert.Equal(corrected, Typos.MayCorrect(word));

    [Fact]
    public void Valid_documents_rank_before_suspended_expired_and_revoked_and_newer_before_older()
    {
        var day = new DateOnly(2026, 3, 2);
        long[] order =
        [
            SearchRanking.Order(DocumentStatus.Valid, day), SearchRanking.Order(DocumentStatus.Valid, day.AddDays(-1)),
            SearchRanking.Order(DocumentStatus.Suspended, day.AddYears(1)), SearchRanking.Order(DocumentStatus.Expired, day),
            SearchRanking.Order(DocumentStatus.Revoked, day.AddYears(5)),
        ];
        Assert.Equal(order.Order(), order);
    }
}
