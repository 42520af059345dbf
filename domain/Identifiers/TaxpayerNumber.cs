namespace Registry.Domain.Identifiers;

/// <summary>
/// Kazakhstan's 12-digit individual (IIN) and business (BIN) identification numbers.
/// Both end in a check digit computed mod 11 with two weight rows; a result of 10 on the second row means the number
/// cannot be valid.
/// </summary>
public static class TaxpayerNumber
{
    static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    public static bool IsValid(string? value) =>
        value is { Length: 12 } && value.All(char.IsAsciiDigit) && CheckDigit(value.AsSpan(0, 11)) == value[11] - '0';

    /// <summary>The check digit for the first 11 digits, or -1 when no digit can make the number valid.</summary>
    public static int CheckDigit(ReadOnlySpan<char> first11)
    {
        var check = WeightedSum(first11, FirstWeights) % 11;
        if (check == 10) check = WeightedSum(first11, SecondWeights) % 11;
        return check == 10 ? -1 : check;
    }

    /// <summary>An IIN opens with the holder's birth date (YYMMDD) followed by a century-and-sex digit 1–6.</summary>
    public static bool LooksLikeIin(string? value) =>
        IsValid(value) && DateOnly.TryParseExact(value![..6], "yyMMdd", out _) && value[6] is >= '1' and <= '6';

    /// <summary>A BIN opens with the registration year and month, then the kind of entity: 4 a resident legal entity,
    /// 5 a non-resident one, 6 an individual entrepreneur in joint form. An IIN's fifth digit is the first digit of a
    /// day of the month (0–3), so the two can never be taken for each other.</summary>
    public static bool LooksLikeBin(string? value) => IsValid(value) && value![4] is '4' or '5' or '6';

    static int WeightedSum(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < 11; i++) sum += (digits[i] - '0') * weights[i];
        return sum;
    }

    /// <summary>An IIN shown to the public: birth date and check digit hidden.</summary>
    public static string Mask(string iin) => iin.Length == 12 ? $"{iin[..2]}********{iin[10..]}" : "************";
}
