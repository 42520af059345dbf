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
        Assert.Equal([["атирау"]], PlaceNames.Default.OtherNames("гурев"));
        Assert.Contains(["гурев"], PlaceNames.Default.OtherNames("атирау"));
        Assert.Equal([["оскемен"], ["усткаменогорск"]], PlaceNames.Default.OtherNames("уст каменогорск"));
        Assert.Contains(["нур", "султан"], PlaceNames.Default.OtherNames("нурсултан"));
        Assert.Contains(["астана"], PlaceNames.Default.OtherNames("нурсултан"));
        Assert.Contains(["астана"], PlaceNames.Default.OtherNames("целиноград"));
        Assert.Contains(["актобе"], PlaceNames.Default.OtherNames(SearchText.Fold("Актюбинск")));
        Assert.Contains(["семеи"], PlaceNames.Default.OtherNames(SearchText.Fold("Семипалатинск")));
        Assert.Empty(PlaceNames.Default.OtherNames("павлодар"));
        Assert.Equal(2, PlaceNames.Default.LongestName);
    }

    [Fact]
    public void A_name_of_two_places_stops_the_file_from_loading() =>
        Assert.Throws<SearchDataException>(() => PlaceNames.Parse("Атырау;Атырау;Гурьев;Атырау облысы\nГурьевка;Гурьевка;Гурьев;Атырау облысы"));

    [Fact]
    public void A_malformed_line_names_its_number() =>
        Assert.Contains("line 2", Assert.Throws<SearchDataException>(() => PlaceNames.Parse("# comment\nАтырау;Атырау")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Товарищество с ограниченной ответственностью", "тоо")]
    [InlineData("ТОВАРИЩЕСТВА С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ", "тоо")]
    [InlineData("Жауапкершілігі шектеулі серіктестігі", "жшс")]
    [InlineData("Zhauapkershiligi shekteuli seriktestik", "жшс")]
    [InlineData("Акционерлік қоғамы", "ак")]
    [InlineData("Limited Liability Partnership", "тоо")]
    [InlineData("JSC", "ао")]
    [InlineData("Индивидуальный предприниматель", "ип")]
    public void A_legal_form_spelled_out_reads_as_its_short_form(string longName, string shortForm) =>
        Assert.Equal([[shortForm]], LegalForms.Default.ShortForm(SearchText.Fold(longName)));

    [Theory]
    [InlineData("ТОО")]                          // the short form stays the word people type
    [InlineData("товарищество")]                 // a word of a long name is no legal form
    [InlineData("общество с ограниченной ответственностью")] // a Russian form, not Kazakhstan's
    public void Other_words_are_no_legal_form(string words) => Assert.Empty(LegalForms.Default.ShortForm(SearchText.Fold(words)));

    [Fact]
    public void The_legal_form_file_refuses_a_long_name_of_two_short_forms_and_names_a_malformed_line()
    {
        Assert.Equal(4, LegalForms.Default.LongestName);
        Assert.Contains("line 2: 'ллп' is the long name of two short forms", Assert.Throws<SearchDataException>(() => LegalForms.Parse("ТОО;LLP\nАО;llp")).Message,
            StringComparison.Ordinal);
        Assert.Empty(LegalForms.Parse("ТОО;LLP| |Limited Liability Partnership").ShortForm("")); // an empty name between two bars is none
        Assert.Contains("line 2", Assert.Throws<SearchDataException>(() => LegalForms.Parse("# comment\nТОО")).Message, StringComparison.Ordinal);
        Assert.Contains("line 1", Assert.Throws<SearchDataException>(() => LegalForms.Parse(";LLP")).Message, StringComparison.Ordinal);
    }

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
    [Theory]
    [InlineData("караганди", "араганди")]  // the first letter left out
    [InlineData("караганди", "караганд")]  // the last letter left out
    [InlineData("караганди", "караганди5")] // a letter added at the end
    [InlineData("караганди", "5караганди")] // a letter added at the start
    [InlineData("караганди", "акраганди")] // the first two swapped
    [InlineData("караганди", "карагандэ")] // the last letter changed
    [InlineData("караганди", "0араганди")] // the first letter changed
    public void A_typo_at_either_end_of_a_word_is_one_edit_away_too(string word, string typo) => Assert.Contains(word, Typos.OneEditAway(typo));

    [Fact]
    public void One_edit_away_holds_every_edit_of_a_short_word_and_not_the_word_itself()
    {
        // "аб": 2 deletions, 1 swap, 2 × 35 changes of a letter to another, 3 × 36 insertions, minus the duplicates of
        // doubling a letter ("ааб" and "абб" each reached twice).
        var variants = Typos.OneEditAway("аб");
        Assert.Equal(2 + 1 + 2 * 35 + 3 * 36 - 2, variants.Count);
        Assert.DoesNotContain("аб", variants);
        Assert.Contains("ба", variants);
        Assert.Contains("9б", variants);
        Assert.Contains("аб9", variants);
    }

    [Theory]
    [InlineData("сму197", true)]   // letters and digits: a word
    [InlineData("актобе", true)]
    [InlineData("12345", false)]   // a number is never corrected
    [InlineData("акто", false)]    // four letters
    [InlineData("электрооборудованиеэлектромонтаж", true)]   // 32 letters
    [InlineData("электрооборудованиеэлектромонтажи", false)] // 33: longer than any word to correct to
    public void A_word_is_corrected_from_five_letters_on_and_a_number_never(string word, bool corrected) =>
        Assert.Equal(corrected, Typos.MayCorrect(word));

    [Fact]
    public void A_status_outside_the_four_has_no_rank() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SearchRanking.Rank((DocumentStatus)99));

    [Fact]
    public void The_order_is_the_status_rank_in_millions_counted_down_by_the_issue_day()
    {
        var day = new DateOnly(2026, 3, 2);
        Assert.Equal(999_999 - day.DayNumber, SearchRanking.Order(DocumentStatus.Valid, day));
        Assert.Equal(3_000_000 + 999_999 - day.DayNumber, SearchRanking.Order(DocumentStatus.Revoked, day));
    }
}
