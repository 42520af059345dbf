using System.Text;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.Features.Verification;
using Registry.Domain.Documents;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Api.Website.Pages;

public partial class CheckPage
{
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Result is null for a number the registry does not hold.</summary>
    public sealed record Row(string Number, VerificationResult? Result);

    public sealed record CheckModel(string Numbers, string? On, string? Error, DateOnly? AsOf, IReadOnlyList<Row>? Rows);

    public static IResult Form(Lang lang, HttpContext http) => new HtmlPage<CheckPage>(Site.For(http, lang), new CheckModel("", null, null, null, null));

    /// <summary>The same lookups and rule as POST /api/v1/verify, for numbers pasted or uploaded. Results are not cached:
    /// they answer one person's list.</summary>
    public static async Task<IResult> Handle(Lang lang, [FromForm] string? numbers, [FromForm] string? on, IFormFile? file, HttpContext http,
        IVerifyQuery query, CancellationToken ct)
    {
        var site = Site.For(http, lang);
        var (list, day, error) = await ReadAsync(site, numbers, on, file, ct);
        if (error is not null)
            return new HtmlPage<CheckPage>(site, new CheckModel(numbers ?? "", on, error, null, null), StatusCodes.Status400BadRequest, cacheable: false);
        var rows = await CheckAsync(list, day, query, ct);
        return new HtmlPage<CheckPage>(site, new CheckModel(string.Join('\n', list), Formats.Date(day), null, day, rows), cacheable: false);
    }

    /// <summary>The answers as a CSV file (UTF-8 with a byte-order mark, so spreadsheet programs read Cyrillic right).</summary>
    public static async Task<IResult> Csv(Lang lang, [FromForm] string? numbers, [FromForm] string? on, HttpContext http, IVerifyQuery query, CancellationToken ct)
    {
        var site = Site.For(http, lang);
        var (list, day, error) = await ReadAsync(site, numbers, on, null, ct);
        if (error is not null) return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        var rows = await CheckAsync(list, day, query, ct);
        SecurityHeaders.Apply(http.Response);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File([.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(ToCsv(rows, lang))], "text/csv; charset=utf-8",
            $"registry-check-{day:yyyy-MM-dd}.csv");
    }

    static async Task<(IReadOnlyList<string> Numbers, DateOnly Day, string? Error)> ReadAsync(Site site, string? numbers, string? on, IFormFile? file,
        CancellationToken ct)
    {
        var day = site.Today;
        if (!string.IsNullOrWhiteSpace(on) && !Formats.TryReadDate(on, out day)) return ([], day, site.T(Labels.DateInvalid));
        var text = numbers ?? "";
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxFileBytes) return ([], day, site.T(Labels.BulkFileUnreadable));
            try
            {
                using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
                text += "\n" + await reader.ReadToEndAsync(ct);
            }
            catch (DecoderFallbackException)
            {
                return ([], day, site.T(Labels.BulkFileUnreadable));
            }
        }
        var list = ParseNumbers(text);
        if (list.Count == 0) return (list, day, site.T(Labels.BulkEmpty));
        if (list.Count > VerificationModule.MaxBulk) return (list, day, Labels.BulkTooMany.Format(site.Lang, Formats.Count(list.Count, site.Lang)));
        return (list, day, null);
    }

    /// <summary>One number per line, or a CSV whose first column is the number; a first line without any digit is a header.</summary>
    public static IReadOnlyList<string> ParseNumbers(string text)
    {
        var numbers = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var cell = line.Split([',', ';', '\t'])[0].Trim().Trim('"').Trim();
            if (cell.Length == 0) continue;
            if (numbers.Count == 0 && !cell.Any(char.IsAsciiDigit)) continue;
            numbers.Add(cell);
        }
        return numbers;
    }

    static async Task<IReadOnlyList<Row>> CheckAsync(IReadOnlyList<string> numbers, DateOnly day, IVerifyQuery query, CancellationToken ct)
    {
        var found = await query.FindManyAsync([.. numbers.Select(DocumentNumber.Normalize).Distinct()], ct);
        return [.. numbers.Select(n => new Row(n, found.TryGetValue(DocumentNumber.Normalize(n), out var d) ? Verification.Verify(d, day, null) : null))];
    }

    static string ToCsv(IReadOnlyList<Row> rows, Lang lang)
    {
        var csv = new StringBuilder();
        void Line(params string[] cells) => csv.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
        Line(Labels.Number.In(lang), Labels.Found.In(lang), Labels.Kind.In(lang), Labels.Status.In(lang), Labels.ValidColumn.In(lang),
            Labels.Holder.In(lang), $"{Labels.Bin.In(lang)}/{Labels.Iin.In(lang)}", Labels.IssuedOn.In(lang), Labels.Reason.In(lang));
        foreach (var (number, r) in rows)
        {
            if (r is null) Line(number, Labels.No.In(lang), "", "", "", "", "", "", "");
            else Line(r.Number, Labels.Yes.In(lang), Labels.KindName(r.Kind, lang), Labels.StatusName(r.StatusOnDate, lang), (r.Valid ? Labels.Yes : Labels.No).In(lang),
                r.Holder.Name, r.Holder.Identifier ?? "", Formats.Date(r.IssuedOn),
                r.Restriction is { } x ? $"{Labels.StatusName(x.Status, lang)} {Formats.Date(x.EffectiveOn)}" : "");
        }
        return csv.ToString();
    }

    /// <summary>Quoted when needed; a value a spreadsheet would run as a formula (= + - @) is prefixed with an apostrophe.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
