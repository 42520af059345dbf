using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Search;

namespace Registry.Projections.Queries;

/// <summary>One word of a name query, or a place name or a legal form of several words. <see cref="Words"/> are folded
/// as typed, the last one matched as the beginning of a word (the person may still be typing); <see cref="OtherNames"/>
/// are the place's other names (Гурьев for Атырау) or the legal form's short form, each matched as whole words;
/// <see cref="AlsoBegins"/>, for the query's last word typed up to a Latin digraph's first letter, the beginning it has
/// with the digraph ("Tec": тец, and теч for Tech…).</summary>
public sealed record QueryTerm(IReadOnlyList<string> Words, IReadOnlyList<IReadOnlyList<string>> OtherNames, string? AlsoBegins = null)
{
    public string Text => string.Join(' ', Words);
}

/// <summary>
/// What the free-text query asks for, read the same way by every search backend. A query can mean several things at
/// once: "197302" is the last digits of a number, the first digits of a BIN and a number inside a name, and each
/// reading is a tier of the answer (<see cref="SearchTier"/>).
/// <list type="bullet">
/// <item>a whole number, also unpadded (ATT-2024-1) or with the letter O for a zero, also inside other text ("№ ATT-2024-1
/// от 12.03.2024");</item>
/// <item>the beginning of a number (ATT-2024), or its last digits (3 digits or more). A sequence typed short is both
/// readings: "ATT-2024-000" is ATT-2024-000000, which no number is, and the beginning of ATT-2024-000001 to -000999,
/// which a person still typing it wants;</item>
/// <item>a BIN (12 digits), or its first digits (6 to 11) — only BINs are in the read models, never an IIN;</item>
/// <item>words of a name (or of the scope: devices, products), folded; place names carry their other names, and a legal
/// form spelled out its short form ("Товарищество с ограниченной ответственностью": ТОО).</item>
/// </list>
/// </summary>
public sealed partial record SearchIntent(
    string? Number,
    string? NumberPrefix,
    string? NumberSuffix,
    string? Bin,
    string? BinPrefix,
    IReadOnlyList<QueryTerm> Terms)
{
    public const int MinBinPrefix = 6;
    public const int MinNumberSuffix = 3;
    public const int MaxTerms = 8;

    public static readonly SearchIntent Everything = new(null, null, null, null, null, []);

    public bool IsEverything => this == Everything || (Number ?? NumberPrefix ?? NumberSuffix ?? Bin ?? BinPrefix) is null && Terms.Count == 0;

    public static SearchIntent Of(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) return Everything;
        var number = DocumentNumber.Reading(q);
        var prefix = DocumentNumber.PrefixReading(q);
        if (number is not null || prefix is not null) return Everything with { Number = number, NumberPrefix = prefix == number ? null : prefix };
        // "Аттестат № ATT-2024-000123 от 12.03.2024" as copied from a letter is that number; the words around it are no name.
        if (DocumentNumber.Within(q) is { } within) return Everything with { Number = within };

        // "БИН: 990140000017" as copied from a paper is the BIN; the label is no word of a name.
        if (IdentifierLabel().Match(q) is { Success: true } label && q[label.Length..] is var identifier && identifier.Any(char.IsAsciiDigit)
            && identifier.All(c => char.IsAsciiDigit(c) || IsDigitSeparator(c)))
            q = identifier;
        var folded = SearchText.Fold(q);
        var terms = ReadTerms(folded);
        if (terms is [.., { Words: [var word], OtherNames.Count: 0 } last] && folded[(folded.LastIndexOf(' ') + 1)..] == word
            && SearchText.UnfinishedDigraph(q) is { } digraph)
            terms[^1] = last with { AlsoBegins = digraph };
        var digits = new StringBuilder();
        foreach (var c in q)
            if (char.IsAsciiDigit(c)) digits.Append(c);
            else if (!IsDigitSeparator(c)) return Everything with { Terms = terms };
        return digits.Length switch
        {
            12 => Everything with { Bin = digits.ToString() },
            >= MinBinPrefix and < 12 => new(null, null, digits.ToString(), null, digits.ToString(), terms),
            >= MinNumberSuffix => Everything with { NumberSuffix = digits.ToString(), Terms = terms },
            _ => Everything with { Terms = terms },
        };
    }

    static bool IsDigitSeparator(char c) => char.IsWhiteSpace(c) || c is '-' or '/' or '.' or '_';

    /// <summary>The label an identifier is printed with: BIN, or IIN (which then finds nothing, as an IIN does), in
    /// Russian, Kazakh or Latin letters, with a colon or a number sign.</summary>
    [GeneratedRegex(@"^\s*(?:БИН|BIN|БСН|BSN|ИИН|IIN|ЖСН|ZhSN)\s*[:#№]?\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierLabel();

    /// <summary>Folded words, with a place's several words kept together when the place-name file knows them, and a legal
    /// form spelled out kept together as its short form's other name.</summary>
    static List<QueryTerm> ReadTerms(string folded)
    {
        var words = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var longest = Math.Max(PlaceNames.Default.LongestName, LegalForms.Default.LongestName);
        var terms = new List<QueryTerm>();
        for (var i = 0; i < words.Length && terms.Count < MaxTerms;)
        {
            var taken = 1;
            IReadOnlyList<string[]> others = [];
            for (var n = Math.Min(longest, words.Length - i); n >= 1; n--)
                if (string.Join(' ', words, i, n) is var name
                    && (PlaceNames.Default.OtherNames(name) is { Count: > 0 } place ? place : LegalForms.Default.ShortForm(name)) is { Count: > 0 } found)
                {
                    (taken, others) = (n, found);
                    break;
                }
            terms.Add(new QueryTerm(words[i..(i + taken)], others));
            i += taken;
        }
        return terms;
    }
}

/// <summary>The tiers of an answer, best first. Within the identifier tiers the order is the identifier's; within the
/// name tiers it is <see cref="SearchRanking"/>'s: valid before suspended, expired and revoked, newest first.</summary>
[JsonConverter(typeof(SlugJsonConverter<SearchTier>))]
public enum SearchTier
{
    /// <summary>The whole number, or the BIN.</summary>
    Exact = 0,
    NumberPrefix = 1,
    NumberSuffix = 2,
    BinPrefix = 3,
    /// <summary>The words in the order typed, next to each other (the last one may be unfinished).</summary>
    Phrase = 4,
    /// <summary>Every word, anywhere in the name or scope.</summary>
    AllWords = 5,
}

/// <summary>Opaque keyset cursor: the tier, the last row's sort key in it and its id, so pages stay stable while documents
/// are added.</summary>
public static class SearchCursor
{
    public static string Encode(string sortKey, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sortKey}|{id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A cursor this API could have produced for <paramref name="sort"/>: its key is a score, a date (or, from
    /// Elasticsearch, epoch milliseconds) or a normalised number. Anything else is crafted, and refused before a query
    /// casts it.</summary>
    public static bool IsValidFor(string? cursor, SearchSort sort)
    {
        // Every cursor this API writes is "tier:key" (TierKey): the tier, then the tier's own order key — a rank or an
        // identifier (letters and digits), or a day or epoch milliseconds (a signed whole number) for the date sorts.
        if (!TryDecode(cursor, out var sortKey, out _) || !TryReadTierKey(sortKey, out _, out var key) || key.Length is 0 or > 40) return false;
        return key.All(char.IsAsciiLetterOrDigit)
            || (sort is SearchSort.IssuedNewest or SearchSort.IssuedOldest && long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));
    }

    public static bool TryDecode(string? cursor, out string sortKey, out Guid id)
    {
        sortKey = "";
        id = Guid.Empty;
        if (string.IsNullOrEmpty(cursor)) return false;
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + (4 - b64.Length % 4) % 4, '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            var bar = text.LastIndexOf('|');
            if (bar < 0 || !Guid.TryParseExact(text[(bar + 1)..], "N", out id)) return false;
            sortKey = text[..bar];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A relevance cursor's key: the tier and the sort key within it ("4:1260123").</summary>
    public static string TierKey(SearchTier tier, string key) => $"{(int)tier}:{key}";

    public static bool TryReadTierKey(string sortKey, out SearchTier tier, out string key)
    {
        tier = default;
        key = "";
        var colon = sortKey.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !int.TryParse(sortKey.AsSpan(0, colon), out var t) || !Enum.IsDefined((SearchTier)t)) return false;
        (tier, key) = ((SearchTier)t, sortKey[(colon + 1)..]);
        return true;
    }
}
