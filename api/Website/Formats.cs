using System.Globalization;
using Registry.Domain.Common;

namespace Registry.Api.Website;

/// <summary>Dates as people in Kazakhstan write them (dd.MM.yyyy), and numbers grouped the local way.</summary>
public static class Formats
{
    static readonly string[] DateInputs = ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>The day of a recorded instant, in the server's time zone (the registry's offices are in Kazakhstan).</summary>
    public static string Date(DateTimeOffset? instant) => instant is { } i ? Date(DateOnly.FromDateTime(i.ToLocalTime().DateTime)) : "—";

    /// <summary>dd.MM.yyyy as shown on the pages, or yyyy-MM-dd (what API links and date pickers send), within the dates a
    /// record can carry (<see cref="RecordDates"/>, as the API accepts them): 31.12.9999 is a typing error, not a day to count
    /// a deadline from.</summary>
    public static bool TryReadDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateInputs, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && RecordDates.IsPlausible(date);

    public static string Count(long n, Lang lang) => n.ToString("N0", lang.Culture);

    /// <summary>A file's size as people read it: "55,7 МБ" (the same abbreviations in Kazakh and Russian).</summary>
    public static string Bytes(long n, Lang lang) => n switch
    {
        < 1024 => $"{Count(n, lang)} байт",
        < 1024 * 1024 => string.Format(lang.Culture, "{0:0.#} КБ", n / 1024.0),
        < 1024L * 1024 * 1024 => string.Format(lang.Culture, "{0:0.#} МБ", n / (1024.0 * 1024)),
        _ => string.Format(lang.Culture, "{0:0.##} ГБ", n / (1024.0 * 1024 * 1024)),
    };
}
