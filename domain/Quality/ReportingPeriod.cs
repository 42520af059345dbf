using System.Globalization;
using System.Text.RegularExpressions;

namespace Registry.Domain.Quality;

/// <summary>A reporting period for the quality indicators: a year ("2026"), a quarter ("2026-Q2") or a month ("2026-05").
/// The seed's annexes report per year (para 18); quarters and months are the same computation over a shorter span.</summary>
public sealed partial record ReportingPeriod(string Label, DateOnly From, DateOnly To)
{
    public int Year => From.Year;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = null!;
        var m = Shape().Match(text?.Trim() ?? "");
        if (!m.Success) return false;
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100) return false;
        if (m.Groups["quarter"].Success)
        {
            var q = int.Parse(m.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            var from = new DateOnly(year, (q - 1) * 3 + 1, 1);
            period = new($"{year}-Q{q}", from, from.AddMonths(3).AddDays(-1));
        }
        else if (m.Groups["month"].Success)
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) return false;
            var from = new DateOnly(year, month, 1);
            period = new($"{year}-{month:D2}", from, from.AddMonths(1).AddDays(-1));
        }
        else period = new($"{year}", new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return true;
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-(Q(?<quarter>[1-4])|(?<month>\d{2})))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();
}
