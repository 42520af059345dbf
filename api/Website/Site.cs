using System.Globalization;
using Microsoft.Extensions.Options;
using Registry.Domain.Services;

namespace Registry.Api.Website;

/// <summary>The website's two languages. Kazakh, the state language, comes first and is the default.</summary>
public readonly record struct Lang(string Code)
{
    public static readonly Lang Kk = new("kk");
    public static readonly Lang Ru = new("ru");

    public Lang Other => this == Ru ? Kk : Ru;

    /// <summary>The language's own name, for the switch.</summary>
    public string Name => this == Ru ? "Русский" : "Қазақша";

    public CultureInfo Culture => CultureInfo.GetCultureInfo(this == Ru ? "ru-RU" : "kk-KZ");

    /// <summary>Route binding: only "kk" and "ru" (the route constraint already says so).</summary>
    public static bool TryParse(string? value, out Lang lang)
    {
        lang = value switch { "kk" => Kk, "ru" => Ru, _ => default };
        return lang.Code is not null;
    }

    public override string ToString() => Code;
}

public static class TextInLanguage
{
    public static string In(this Text text, Lang lang) => lang == Lang.Ru ? text.Ru : text.Kk;
}

public sealed class WebsiteOptions
{
    /// <summary>Scheme and host of the public site as people reach it (e.g. https://registry.example.kz), for the QR code
    /// of a document's page. Unset: taken from the request.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The memory the pages rendered once per key may take, as the Brotli bytes kept (a document's page is about
    /// 3 KB, so some 5,000 by default).</summary>
    public int MaxRenderedPageMegabytes { get; set; } = 16;
}

/// <summary>What every page needs to know about the request: language, where the language switch leads, today, and the
/// site's absolute address.</summary>
public sealed record Site(Lang Lang, string PathAndQuery, DateOnly Today, string BaseUrl)
{
    public static Site For(HttpContext http, Lang lang)
    {
        var services = http.RequestServices;
        var configured = services.GetRequiredService<IOptions<WebsiteOptions>>().Value.BaseUrl;
        var path = http.Request.Path.Value ?? "";
        var rest = path.Length > 3 ? path[3..] : "";
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetLocalNow().Date);
        return new Site(lang, rest + (http.Request.Method == "GET" ? http.Request.QueryString.Value : ""), today,
            configured?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}");
    }

    /// <summary>A path inside the site, in the current language.</summary>
    public string Href(string path) => $"/{Lang.Code}{path}";

    /// <summary>The same page in the other language.</summary>
    public string SwitchHref => $"/{Lang.Other.Code}{PathAndQuery}";

    public string Absolute(string path) => BaseUrl + Href(path);

    public string T(Text text) => text.In(Lang);
}
