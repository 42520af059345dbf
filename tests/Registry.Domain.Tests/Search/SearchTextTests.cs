using Registry.Domain.Search;

namespace Registry.Domain.Tests.Search;

/// <summary>
/// The fold both search backends index and query with. The name cases of the behavioural search suite
/// (tests/Registry.Api.Tests/ReadSide/SearchSuite.cs) are pinned here on the fold itself, where a mutant of the fold is
/// caught in milliseconds; the suite still checks that each backend finds the documents.
/// </summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Қарағанды", "караганди")]  // Kazakh spelling
    [InlineData("Караганды", "караганди")]  // Russian spelling
    [InlineData("Qaragandy", "караганди")]  // Kazakh Latin (2021)
    [InlineData("Karagandy", "караганди")]  // Russian-style Latin
    [InlineData("ҚАРАҒАНДЫ", "караганди")]  // upper case
    [InlineData("Атырау Мұнай", "атирау мунаи")]
    [InlineData("Atyrau Munai", "атирау мунаи")]
    [InlineData("Өскемен", "оскемен")]
    [InlineData("Оскемен", "оскемен")]
    [InlineData("Öskemen", "оскемен")]
    [InlineData("Шымкент", "шимкент")]
    [InlineData("Shymkent", "шимкент")]
    [InlineData("Ёлкин", "елкин")]
    [InlineData("Елкин", "елкин")]
    [InlineData("Жезқазған", "жезказган")]
    [InlineData("Жезказган", "жезказган")]
    [InlineData("Zhezqazgan", "жезказган")]
    [InlineData("Усть-Каменогорск", "уст каменогорск")] // Latin spells no soft sign
    [InlineData("Ust-Kamenogorsk", "уст каменогорск")]
    [InlineData("Ольга", "олга")]
    [InlineData("Olga", "олга")]
    [InlineData("Подъёмник", "подемник")]             // nor a hard sign
    [InlineData("Podemnik", "подемник")]
    public void Kazakh_Russian_and_Latin_spellings_of_a_name_fold_to_the_same_text(string typed, string folded) =>
        Assert.Equal(folded, SearchText.Fold(typed));

    [Theory]
    [InlineData("ә", "а")]
    [InlineData("ғ", "г")]
    [InlineData("қ", "к")]
    [InlineData("ң", "н")]
    [InlineData("ө", "о")]
    [InlineData("ұ", "у")]
    [InlineData("ү", "у")]
    [InlineData("һ", "х")]
    [InlineData("і", "и")]
    [InlineData("ё", "е")]
    [InlineData("й", "и")]
    [InlineData("ы", "и")]
    [InlineData("ӘҒҚҢӨҰҮҺІЁЙЫ", "агкноуухиеии")]
    [InlineData("абвгдежзиклмнопрстуфхцчшщъьэюя", "абвгдежзиклмнопрстуфхцчшщэиуиа")] // base Cyrillic stays but ь and ъ; ю and я as their two sounds
    [InlineData("ь ъ", "")]
    [InlineData("объект ь отрасль", "обект отрасл")]
    public void Kazakh_specific_letters_yo_short_i_and_yery_fold_to_base_cyrillic_and_the_soft_and_hard_signs_are_left_out(string typed, string folded) =>
        Assert.Equal(folded, SearchText.Fold(typed));

    [Theory]
    [InlineData("a", "а")] [InlineData("ä", "а")] [InlineData("á", "а")]
    [InlineData("b", "б")]
    [InlineData("c", "ц")] [InlineData("ç", "ч")]
    [InlineData("d", "д")]
    [InlineData("e", "е")] [InlineData("é", "е")]
    [InlineData("f", "ф")]
    [InlineData("g", "г")] [InlineData("ğ", "г")] [InlineData("ǵ", "г")]
    [InlineData("h", "х")]
    [InlineData("i", "и")] [InlineData("ı", "и")] [InlineData("í", "и")] [InlineData("ì", "и")]
    [InlineData("y", "и")] [InlineData("ý", "и")]
    [InlineData("j", "ж")]
    [InlineData("k", "к")] [InlineData("q", "к")]
    [InlineData("l", "л")]
    [InlineData("m", "м")]
    [InlineData("n", "н")] [InlineData("ñ", "н")] [InlineData("ń", "н")]
    [InlineData("o", "о")] [InlineData("ö", "о")] [InlineData("ó", "о")]
    [InlineData("p", "п")]
    [InlineData("r", "р")]
    [InlineData("s", "с")] [InlineData("ş", "с")]
    [InlineData("t", "т")]
    [InlineData("u", "у")] [InlineData("ü", "у")] [InlineData("ū", "у")] [InlineData("ú", "у")] [InlineData("w", "у")]
    [InlineData("v", "в")]
    [InlineData("x", "кс")]
    [InlineData("z", "з")]
    [InlineData("ÄĞÖÜŞÇ", "агоусч")] // upper case with diacritics
    public void Latin_letters_with_or_without_diacritics_are_read_as_cyrillic(string typed, string folded) =>
        Assert.Equal(folded, SearchText.Fold(typed));

    [Theory]
    [InlineData("sh", "ш")]
    [InlineData("ch", "ч")]
    [InlineData("zh", "ж")]
    [InlineData("ts", "ц")]
    [InlineData("ya", "иа")]
    [InlineData("yu", "иу")]
    [InlineData("kh", "х")]         // as passports spell х: AKHMETOV
    [InlineData("gh", "г")]         // ғ as older Kazakh romanization spells it: Qaraghandy
    [InlineData("shch", "щ")]
    [InlineData("Shchuchinsk", "щучинск")]
    [InlineData("Щучинск", "щучинск")]
    [InlineData("AKHMETOV", "ахметов")]
    [InlineData("Qaraghandy", "караганди")]
    [InlineData("shc", "шц")]       // shch only whole
    [InlineData("shh", "шх")]       // the digraph takes two letters, the next one stands alone
    [InlineData("Tselinograd", "целиноград")]
    [InlineData("Yubileinyi", "иубилеинии")]
    [InlineData("as", "ас")]        // a possible digraph's first letter at the end of the text
    [InlineData("s h", "с х")]      // letters apart are no digraph
    public void Latin_digraphs_read_as_one_letter(string typed, string folded) =>
        Assert.Equal(folded, SearchText.Fold(typed));

    [Theory]
    [InlineData("Tec", "теч")]                 // TechLift is indexed as течлифт
    [InlineData("Almaty Kas", "каш")]          // the last word only
    [InlineData("QAZ", "каж")]
    [InlineData("Ast", "асц")]
    [InlineData("Tech", null)]                 // the digraph is typed whole
    [InlineData("Kats", null)]                 // its s already ends the digraph ts
    [InlineData("Tec ", null)]                 // a word followed by a space was typed to its end
    [InlineData("Тес", null)]                  // Cyrillic letters are no digraph's
    [InlineData("Lift", "лифц")]
    [InlineData("Ak", "ах")]                   // Akhmet…
    [InlineData("Akh", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_word_typed_up_to_a_Latin_digraph_s_first_letter_may_mean_the_digraph(string? typed, string? meant) =>
        Assert.Equal(meant, SearchText.UnfinishedDigraph(typed));

    [Theory]
    [InlineData("ТОО «Қарағанды Көмір Сервис»", "тоо караганди комир сервис")]
    [InlineData("АО «Өскемен Титан-Магний»", "ао оскемен титан магнии")]
    [InlineData("  ,,Кран   КС-55713!! ", "кран кс 55713")]
    [InlineData("a\tb\nc", "а б ц")]
    [InlineData("№ 5", "5")]
    public void Punctuation_and_runs_of_spaces_become_one_space_and_nothing_is_left_at_the_ends(string typed, string folded) =>
        Assert.Equal(folded, SearchText.Fold(typed));

    [Fact]
    public void Letters_of_other_scripts_and_digits_are_kept_as_they_are() =>
        Assert.Equal("αβγ 2026", SearchText.Fold("ΑΒΓ 2026"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("«—»")]
    public void Nothing_to_search_for_folds_to_nothing(string? typed) => Assert.Equal("", SearchText.Fold(typed));
}
