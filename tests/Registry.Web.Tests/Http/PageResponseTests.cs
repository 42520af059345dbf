using Dapper;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Infrastructure;
using Registry.Api.Tests.Infrastructure;
using Registry.Web.Tests.Infrastructure;

namespace Registry.Web.Tests.Http;

/// <summary>What the pages send, read over HTTP from the same running site: headers, caching, escaping, weight.</summary>
[Collection(WebsiteCollection.Name)]
public sealed partial class PageResponseTests(WebsiteApp app)
{
    HttpClient Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.BaseUrl };

    string[] PagePaths => [
        "/kk", "/ru/search?q=Қарағанды", $"/kk/documents/{app.Data.Attestation}", $"/ru/organisations/{app.Data.KaragandaBin}", "/kk/check",
        "/ru/services", "/kk/services/permit?submitted=01.03.2026", "/kk/centres", "/kk/no-such-page",
    ];

    [GeneratedRegex(@"<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineCode();

    [Fact]
    public async Task Every_page_forbids_inline_code_and_framing_and_contains_none()
    {
        using var client = Client();
        foreach (var path in PagePaths)
        {
            var response = await client.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Contains("script-src 'self'", csp);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(InlineCode(), html);
        }
    }

    [Fact]
    public async Task A_page_has_an_etag_and_a_cache_lifetime_and_answers_304_when_unchanged()
    {
        using var client = Client();
        var path = $"/kk/documents/{app.Data.Attestation}";
        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), first.Headers.CacheControl!.MaxAge);
        var etag = first.Headers.ETag!;

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        Assert.NotEqual(etag, (await client.GetAsync($"/ru/documents/{app.Data.Attestation}")).Headers.ETag);
    }

    [Fact]
    public async Task A_document_page_is_kept_compressed_and_shows_a_status_change_at_once()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 3, 2), expertiseDate: new DateOnly(2026, 2, 10),
            name: "ТОО «Кэш Тексеру»"), decidedOn: new DateOnly(2026, 3, 10));
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        using var client = Client();
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        async Task<(string Html, EntityTagHeaderValue ETag)> Read()
        {
            var response = await client.GetAsync($"/kk/documents/{number}");
            Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            await using var brotli = new BrotliStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            return (await new StreamReader(brotli).ReadToEndAsync(), response.Headers.ETag!);
        }
        var (valid, etag) = await Read();
        Assert.Contains("Бүгінгі мәртебесі, 30.11.2026: <span class=\"status ok\">Жарамды</span>", valid);
        Assert.Equal(valid, (await Read()).Html);

        var suspend = await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend",
            new Api.Features.Documents.ChangeDocumentStatus.Request("Тексеру", null, new DateOnly(2026, 11, 1)), Guid.NewGuid().ToString());
        suspend.EnsureSuccessStatusCode();
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        var (suspended, newTag) = await Read();
        Assert.Contains("Тоқтатыла тұрған", suspended);
        Assert.NotEqual(etag, newTag);
    }

    [Fact]
    public async Task The_results_page_weighs_at_most_60_kb_compressed_with_its_stylesheet_script_and_icon()
    {
        using var client = Client();
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var page = await client.GetAsync("/kk/search?q=ТОО");
        Assert.Equal("br", page.Content.Headers.ContentEncoding.Single());
        var html = await page.Content.ReadAsByteArrayAsync();
        long total = html.Length;
        var decompressed = await new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { BaseAddress = app.BaseUrl }
            .GetStringAsync("/kk/search?q=ТОО");
        Assert.Equal(20, Regex.Matches(decompressed, "class=\"hit\"").Count);
        foreach (Match asset in Regex.Matches(decompressed, "(?:href|src)=\"(/assets/[^\"]+)\""))
            total += (await client.GetByteArrayAsync(WebUtility.HtmlDecode(asset.Groups[1].Value))).Length;
        Assert.True(total <= 60 * 1024, $"{total} bytes");
    }

    [Fact]
    public async Task Holder_names_are_html_escaped()
    {
        using var client = Client();
        var script = await client.GetStringAsync($"/kk/documents/{app.Data.ScriptHolderDocument}");
        Assert.DoesNotContain("<script>alert(1)", script);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", script);
        foreach (var path in new[] { $"/kk/documents/{app.Data.AttributeHolderDocument}", "/kk/search?q=onmouseover" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch("<[^>]*\\sonmouseover\\s*=", html);
            Assert.Contains("alert(2)", html);
        }
        Assert.Contains(WebsiteApp.AttributeHolder, WebUtility.HtmlDecode(await client.GetStringAsync($"/kk/documents/{app.Data.AttributeHolderDocument}")));
    }

    [Fact]
    public async Task An_individual_s_iin_is_masked_on_the_pages()
    {
        using var client = Client();
        var page = await client.GetStringAsync($"/kk/documents/{app.Data.IndividualPermit}");
        Assert.Contains("88********10", page);
        Assert.DoesNotContain(WebsiteApp.IndividualIin, page);
        Assert.DoesNotContain(WebsiteApp.IndividualIin, await client.GetStringAsync("/kk/search?q=Асқаров"));
    }

    /// <summary>A query typed with the English layout on, which finds nothing as typed, is answered as meant, its words
    /// marked, and the page says what it read.</summary>
    [Fact]
    public async Task A_query_typed_on_the_other_keyboard_layout_is_answered_as_meant_and_the_page_says_so()
    {
        using var client = Client();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString("Rfhfufylf")}"));
        Assert.Contains("Показаны результаты по запросу «Караганда»", html);
        Assert.Contains("<mark>", html);
        Assert.DoesNotContain("class=\"read-as\"", await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString("Караганда")}"));
    }

    /// <summary>A name's words typed apart when the registry writes them as one, or one word typed for a name of several, is
    /// answered as read, and the page says how it read the query.</summary>
    [Fact]
    public async Task A_name_typed_with_its_words_joined_or_apart_is_answered_as_meant_and_the_page_says_so()
    {
        var joined = await app.Officer().IssueAsync(Scenario.For("permit", name: "ТОО «QazaqVortexSafety»"));
        var apart = await app.Officer().IssueAsync(Scenario.For("permit", name: "ТОО «Сарыжазық Сәулетші»"));
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        using var client = Client();
        var together = WebUtility.HtmlDecode(await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString("Qazaq Vortex Safety")}"));
        Assert.Contains("Показаны результаты по запросу «QazaqVortexSafety»: в названиях реестра эти слова пишутся слитно.", together);
        Assert.Contains(joined, together);
        var parted = WebUtility.HtmlDecode(await client.GetStringAsync($"/kk/search?q={Uri.EscapeDataString("СарыжазықСәулетші")}"));
        Assert.Contains("«Сарыжазық Сәулетші» бойынша нәтижелер көрсетілді: сөздер бөлек оқылды.", parted);
        Assert.Contains(apart, parted);
    }

    /// <summary>A region named in the query as an address names it, and a kind of document, are searched among as the
    /// filters, and the page says so in the names of the page's language.</summary>
    [Fact]
    public async Task A_query_naming_a_region_or_a_kind_is_answered_among_them_and_the_page_says_so()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit", name: "ТОО «Ақжайық Сүзгі»"));
        await app.WaitForProjectionsAsync(TimeSpan.FromSeconds(30));
        using var client = Client();
        var ru = WebUtility.HtmlDecode(await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString("Ақжайық Сүзгі, г. Астана")}"));
        Assert.Contains("Показаны результаты по запросу «Ақжайық Сүзгі» с фильтром: Астана.", ru);
        Assert.Contains(number, ru);
        var kk = WebUtility.HtmlDecode(await client.GetStringAsync($"/kk/search?q={Uri.EscapeDataString("рұқсат Ақжайық Сүзгі Астана қаласы")}"));
        Assert.Contains("«Ақжайық Сүзгі» бойынша нәтижелер көрсетілді, сүзгі: Рұқсат, Астана.", kk);
        Assert.Contains(number, kk);
        var kind = WebUtility.HtmlDecode(await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString("разрешения")}"));
        Assert.Contains("Показаны документы с фильтром: Разрешение.", kind);
        // A link that names the region otherwise filters on it all the same.
        Assert.Contains(number, await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString("Ақжайық Сүзгі")}&region=astana"));
        Assert.DoesNotContain(number, await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString("Ақжайық Сүзгі")}&region=almaty"));
    }

    /// <summary>The demo data renames some holders: a search by the old name finds the documents issued under the new one,
    /// and the hit says which former name that was, its words marked.</summary>
    [Fact]
    public async Task A_hit_found_by_a_former_name_shows_that_name()
    {
        await using var db = await app.DataSource.OpenConnectionAsync();
        var former = await db.QueryFirstAsync<string>("""
            select public_json -> 'holder' -> 'formerNames' ->> 0 from read.documents
            where jsonb_array_length(public_json -> 'holder' -> 'formerNames') > 0 order by number limit 1
            """);
        using var client = Client();
        var html = await client.GetStringAsync($"/ru/search?q={Uri.EscapeDataString(former)}");
        var shown = Regex.Match(html, @"<p class=""meta former-names"">(.*?)</p>", RegexOptions.Singleline);
        Assert.True(shown.Success, $"no former names on the page for {former}");
        Assert.Contains("Прежние наименования", shown.Value);
        Assert.Contains("<mark>", shown.Value);
        Assert.Contains(former, WebUtility.HtmlDecode(Regex.Replace(shown.Value, "<[^>]+>", "")));
    }

    [Fact]
    public async Task A_deemed_document_says_so_in_words()
    {
        using var client = Client();
        var kk = await client.GetStringAsync($"/kk/documents/{app.Data.DeemedDocument}");
        Assert.Contains("Берілді деп есептеледі", kk);
        Assert.Contains("Ұйым стандарты келісілді деп есептеледі", kk); // l. 11008, the seed's words
        Assert.DoesNotContain("Deemed issued", kk);
    }

    [Fact]
    public void Pages_share_the_api_s_per_client_rate_limit()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/{lang", StringComparison.Ordinal) == true).ToList();
        Assert.True(endpoints.Count >= 10);
        Assert.All(endpoints, e => Assert.Equal(PublicApiPolicies.PolicyName, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
    }

    [Fact]
    public async Task The_root_and_a_document_s_qr_address_lead_to_a_language_and_other_languages_are_not_pages()
    {
        using var client = Client();
        var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/kk", root.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/en/search?q=x")).StatusCode);
        var qr = new HttpRequestMessage(HttpMethod.Get, $"/documents/{app.Data.Attestation}");
        qr.Headers.AcceptLanguage.ParseAdd("en-US,ru;q=0.8,kk;q=0.5");
        Assert.Equal($"/ru/documents/{app.Data.Attestation}", (await client.SendAsync(qr)).Headers.Location!.ToString());
        Assert.Equal($"/kk/documents/{app.Data.Attestation}", (await client.GetAsync($"/documents/{app.Data.Attestation}")).Headers.Location!.ToString());
        var missing = await client.GetAsync("/ru/documents/ATT-1999-000000");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Документа с номером «ATT-1999-000000» нет в реестре.", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_number_typed_without_its_zeros_or_with_the_letter_O_is_not_found_but_links_the_document_it_means()
    {
        using var client = Client();
        var number = app.Data.Attestation;
        var parts = number.Split('-');
        var unpadded = $"{parts[0]}-{parts[1]}-{int.Parse(parts[2])}";
        var lettered = $"{parts[0]}-{parts[1]}-{parts[2].Replace('0', 'O')}";
        foreach (var typed in new[] { unpadded, lettered })
        {
            var missing = await client.GetAsync($"/ru/documents/{typed}");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            var html = await missing.Content.ReadAsStringAsync();
            Assert.Contains("Возможно, вы имели в виду:", html);
            Assert.Contains($"href=\"/ru/documents/{number}\"", html);
        }
        var unknown = await (await client.GetAsync("/kk/documents/ATT-1999-1")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("did-you-mean", unknown);
    }

    [Fact]
    public async Task Assets_are_cached_for_a_year_under_their_content_hash()
    {
        using var client = Client();
        var home = await client.GetStringAsync("/kk");
        var css = Regex.Match(home, "href=\"(/assets/site\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;
        var response = await client.GetAsync(css);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.MaxAge >= TimeSpan.FromDays(365));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/assets/secret.txt")).StatusCode);
    }
}
