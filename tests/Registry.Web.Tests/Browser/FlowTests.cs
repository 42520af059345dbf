using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Registry.Api.Features.Proofs;
using Registry.Domain.Applications;
using Registry.Api.Website;
using Registry.Web.Tests.Infrastructure;
using ZXing;
using ZXing.Common;

namespace Registry.Web.Tests.Browser;

/// <summary>What people do on the site, in Chromium, as they would do it.</summary>
[Collection(WebsiteCollection.Name)]
public sealed class FlowTests(WebsiteApp app)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Search_leads_to_the_result_its_document_and_the_holder_s_organisation()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/kk");
        await page.GetByLabel("Нөмір, БСН немесе ұйымның атауы").FillAsync("karagandy komir servis");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Іздеу", Exact = true }).ClickAsync(), new Regex("/kk/search\\?q="));
        Assert.Equal(["Қарағанды", "Көмір", "Сервис"], (await page.Locator(".hit mark").AllInnerTextsAsync()).Distinct().Take(3));
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = app.Data.Attestation, Exact = true }).ClickAsync(), $"**/kk/documents/{app.Data.Attestation}");
        Assert.Equal(app.Data.Attestation, await page.Locator("h1").InnerTextAsync());
        var facts = await page.Locator(".facts").InnerTextAsync();
        Assert.Contains("Ұйымдарды өнеркәсіптік қауіпсіздік саласында жұмыстар жүргізу құқығына аттестаттау", facts); // l. 62, verbatim
        Assert.Contains("Төтенше жағдайларды және өнеркәсіптік қауіпсіздікті мемлекеттік бақылау комитеті", facts);
        Assert.Contains("Жарамды", await page.Locator(".status-line").InnerTextAsync());
        Assert.Contains("Тау-кен өндірісі", await page.Locator(".tags").First.InnerTextAsync());
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "ТОО «Қарағанды Көмір Сервис»" }).ClickAsync(), $"**/kk/organisations/{app.Data.KaragandaBin}");
        var documents = await page.Locator("table a.number").AllInnerTextsAsync();
        Assert.Equal([app.Data.Attestation, app.Data.ReinstatedPermit], documents.Order());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_quick_check_answers_whether_a_document_was_valid_on_a_date()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/kk");
        // Typed the way inspectors type it: lower case, spaces, Cyrillic look-alike letters.
        await page.GetByLabel("Құжаттың нөмірі").FillAsync(app.Data.ReinstatedPermit.ToLowerInvariant().Replace('-', ' ').Replace('p', 'р'));
        await page.GetByLabel("Күні (кк.аа.жжжж)").FillAsync("15.06.2026");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Тексеру" }).ClickAsync(), $"**/kk/documents/{app.Data.ReinstatedPermit}?on=15.06.2026#on-date");
        var answer = await page.Locator(".answer").InnerTextAsync();
        Assert.Contains("15.06.2026 күнгі мәртебесі: Тоқтатыла тұрған", answer);
        Assert.Contains("Құжат 15.06.2026 күні жарамсыз.", answer);
        Assert.Contains("01.06.2026 бастап: Тоқтатыла тұрған.", answer);

        await page.GetByLabel("Күні (кк.аа.жжжж)").FillAsync("15.07.2026");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Тексеру" }).ClickAsync(), "**?on=15.07.2026");
        Assert.Contains("Құжат 15.07.2026 күні жарамды.", await page.Locator(".answer").InnerTextAsync());
        var history = await page.Locator("table tbody tr").AllInnerTextsAsync();
        Assert.Equal(3, history.Count);
        Assert.Contains("Нарушения устранены", history[2]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_language_switch_keeps_the_page_and_the_question()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync($"/kk/documents/{app.Data.ReinstatedPermit}?on=15.06.2026");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Тіл: Русский" }).ClickAsync(), $"**/ru/documents/{app.Data.ReinstatedPermit}?on=15.06.2026");
        Assert.Equal("ru", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("Статус на 15.06.2026: Приостановлен", await page.Locator(".answer").InnerTextAsync());
        Assert.Contains("Выдача разрешения на применение технологий", await page.Locator(".facts").InnerTextAsync());

        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Язык: Қазақша" }).ClickAsync(), $"**/kk/documents/{app.Data.ReinstatedPermit}?on=15.06.2026");
        Assert.Equal("kk", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_bulk_check_of_an_uploaded_csv_answers_in_a_table_and_a_csv_download()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/kk/check");
        var csv = $"number,note\n{app.Data.Attestation},шахта\n{app.Data.ReinstatedPermit},кран\nATT-1999-000000,қате\n";
        await page.GetByLabel("Немесе файл (TXT, CSV)").SetInputFilesAsync(new FilePayload
        {
            Name = "numbers.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByLabel("Қай күнге").FillAsync("15.06.2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Тексеру" }).ClickAsync();

        await page.WaitForSelectorAsync("table.answers");
        Assert.Equal("15.06.2026 күнгі жағдай: 3 нөмір, табылғаны 2, жарамдысы 1.", await page.Locator("#answers-title").InnerTextAsync());
        var rows = await page.Locator("table.answers tbody tr").AllInnerTextsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Contains("Жарамды", rows[0]);
        Assert.Contains("Тоқтатыла тұрған", rows[1]);
        Assert.Contains("Тізілімде жоқ", rows[2]);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "CSV жүктеп алу" }).ClickAsync());
        Assert.Equal("registry-check-2026-06-15.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("Нөмірі,Тізілімде,Түрі,Мәртебе,Жарамды", lines[0]);
        Assert.StartsWith($"{app.Data.ReinstatedPermit},Иә,Рұқсат,Тоқтатыла тұрған,Жоқ,ТОО «Қарағанды Көмір Сервис»", lines[2]);
        Assert.Equal("ATT-1999-000000,Жоқ,,,,,,,", lines[3]);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_deadline_calculator_counts_on_the_production_calendar_like_the_api()
    {
        var expected = await app.CreateClient().GetFromJsonAsync<DeadlineComputation>(
            "/api/v1/calendar/deadline?service=attestation&submittedOn=2025-12-25", Api.Tests.Infrastructure.HttpAssertions.Json);
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/ru/services/attestation");
        await page.GetByLabel("Дата подачи документов").FillAsync("25.12.2025");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Рассчитать" }).ClickAsync(), "**/ru/services/attestation?submitted=25.12.2025");
        var due = expected!.Due!.Value.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
        Assert.Equal($"Последний день срока: {due}", await page.Locator(".due").InnerTextAsync());
        // 15 working days from 25.12.2025 cross the New Year holidays and weekends.
        Assert.Equal(expected.Days.Count(d => !d.Counted), await page.Locator("#calculator li").CountAsync());
        Assert.Contains("праздник", await page.Locator("#calculator ul").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Search_works_from_the_keyboard_alone()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/kk");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("q", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync(app.Data.Attestation[^6..]);
        // Each wait starts before the key that navigates: a WaitForURLAsync begun after a quick navigation finds the URL
        // already there and waits for the load event whatever WaitUntil says (playwright-dotnet #3365), which a
        // document page's load may never send here.
        var searched = page.WaitForURLAsync(new Regex("/kk/search\\?q="), new() { WaitUntil = WaitUntilState.Commit });
        await page.Keyboard.PressAsync("Enter");
        await searched;
        await page.Locator(".hit").First.WaitForAsync();

        for (var i = 0; i < 40 && await page.EvaluateAsync<string?>("document.activeElement.closest('.hit') && document.activeElement.textContent") is null; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Matches("^[A-Z]{3}-\\d{4}-\\d{6}$", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        var number = await page.EvaluateAsync<string>("document.activeElement.textContent");
        // The navigation itself is what the keyboard proves; waiting for the page's every resource to load timed out once
        // (30 s) while the API tests bulk-loaded their 200,000 documents on the same two cores.
        var opened = page.WaitForURLAsync($"**/kk/documents/{number}", new() { WaitUntil = WaitUntilState.Commit });
        await page.Keyboard.PressAsync("Enter");
        await opened;
        Assert.EndsWith(app.Data.Attestation[^6..], number);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Holder_names_with_markup_render_as_text_and_run_nothing()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync($"/kk/documents/{app.Data.ScriptHolderDocument}");
        Assert.Contains(WebsiteApp.ScriptHolder, await page.Locator(".facts").InnerTextAsync());

        await page.GotoAsync($"/kk/documents/{app.Data.AttributeHolderDocument}");
        var holder = page.GetByRole(AriaRole.Link, new() { Name = WebsiteApp.AttributeHolder });
        await holder.HoverAsync();
        Assert.Equal(0, await page.Locator("[onmouseover]").CountAsync());
        Assert.Contains("Кері қайтарып алынған", await page.Locator(".status-line").InnerTextAsync());

        await page.GotoAsync("/kk/search?q=script alert");
        Assert.Contains(WebsiteApp.ScriptHolder, await page.Locator(".hit-list").InnerTextAsync());
        Assert.Empty(errors); // a dialog from alert() would be recorded here
    }

    [Fact]
    public async Task The_qr_code_carries_the_document_s_link_with_a_proof_the_published_keys_verify_and_prints_without_the_menus()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync($"/ru/documents/{app.Data.Attestation}?on=01.06.2026");
        // The code is an image of its own, drawn once per document version and day and kept by the browser.
        Assert.True(await page.Locator(".qr img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"));
        var image = await page.APIRequest.GetAsync((await page.Locator(".qr img").GetAttributeAsync("src"))!);
        Assert.Equal("image/svg+xml", image.Headers["content-type"].Split(';')[0]);
        Assert.Contains("max-age", image.Headers["cache-control"]);
        var svg = await image.TextAsync();
        var size = int.Parse(Regex.Match(svg, "viewBox=\"0 0 (\\d+) ").Groups[1].Value, CultureInfo.InvariantCulture);
        var path = Regex.Match(svg, "<path d=\"([^\"]+)\"").Groups[1].Value;

        // What the image encodes is the page's data-payload: the /d/ link (online it opens this page) with a proof in its
        // fragment that the keys at /.well-known/jwks.json verify (offline, the "Check a QR code" page does the same).
        var payload = (await page.Locator(".qr").GetAttributeAsync("data-payload"))!;
        Assert.Equal(payload, Decode(size, path));
        Assert.StartsWith($"{WebsiteApp.PublicBaseUrl}/d/{app.Data.Attestation}{QrPayload.Marker}", payload);
        Assert.Contains($"{WebsiteApp.PublicBaseUrl}/documents/{app.Data.Attestation}", await page.Locator(".qr figcaption").InnerTextAsync());
        var keys = (await (await page.APIRequest.GetAsync(ProofsModule.JwksPath)).JsonAsync<JsonWebKeySet>(Json))!.Keys.ToDictionary(k => k.Kid, k => ECDsa.Create(
            new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = Base64Url.DecodeFromChars(k.X), Y = Base64Url.DecodeFromChars(k.Y) } }));
        var verdict = Jws.Verify(QrPayload.ProofOf(payload), keys, DateTimeOffset.UtcNow);
        Assert.Equal(ProofState.Valid, verdict.State);
        Assert.Equal((app.Data.Attestation, WebsiteApp.Today, "valid"), (verdict.Claims!.Number, verdict.Claims.AsOf, verdict.Claims.Status));
        // The page and its image are asked for separately: the same proof for the same document version and day.
        Assert.Equal(payload, Decode(size, Regex.Match(await (await page.APIRequest.GetAsync((await page.Locator(".qr img").GetAttributeAsync("src"))!)).TextAsync(),
            "<path d=\"([^\"]+)\"").Groups[1].Value));

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header nav").IsVisibleAsync());
        Assert.False(await page.Locator("form.fields").IsVisibleAsync());
        Assert.True(await page.Locator(".qr img").IsVisibleAsync());
        Assert.True(await page.Locator(".answer").IsVisibleAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_open_data_page_lists_the_latest_export_s_files_with_sizes_and_sha_256_and_the_menu_leads_to_the_qr_checker()
    {
        (await app.Admin().PostAsync("/api/v1/admin/exports", null)).EnsureSuccessStatusCode();
        var listing = (await app.Anonymous().GetFromJsonAsync<Registry.Api.Features.OpenData.OpenDataModule.ExportListing>("/api/v1/exports"))!;
        var latest = listing.Latest!;

        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/ru");
        await WebsiteApp.NavigateAsync(page, () => page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "Открытые данные" }).ClickAsync(), "**/ru/open-data");
        Assert.Contains(Formats.Count(latest.Documents, Lang.Ru), await page.Locator(".total").InnerTextAsync());
        Assert.Equal(["documents.csv.gz", "documents.jsonl.gz", "datapackage.json", "SHA256SUMS"], await page.Locator("table.files tbody th a").AllInnerTextsAsync());
        foreach (var file in latest.Files)
        {
            var row = page.Locator($"tr[data-file='{file.Name}']");
            Assert.Equal(file.Sha256, await row.Locator("code.hash").InnerTextAsync());
            Assert.Equal(file.Bytes.ToString(CultureInfo.InvariantCulture), await row.Locator("td.size").GetAttributeAsync("data-bytes"));
            Assert.Equal(file.Url, await row.Locator("a").GetAttributeAsync("href"));
        }
        var package = await page.APIRequest.GetAsync((await page.Locator("tr[data-file='datapackage.json'] a").GetAttributeAsync("href"))!);
        Assert.Equal(200, package.Status);
        Assert.Contains("\"resources\"", await package.TextAsync());

        await WebsiteApp.NavigateAsync(page, () => page.Locator("a.lang").ClickAsync(), "**/kk/open-data"); // the same page in Kazakh
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "QR кодты тексеру" }).ClickAsync(), new Regex("/check/\\?lang=kk$"));
        Assert.Equal("QR кодты тексеру", await page.Locator("h1").InnerTextAsync());
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Тізілімге оралу" }).ClickAsync(), "**/kk"); // and back
        Assert.Empty(errors);
    }

    /// <summary>Reads the SVG path back into modules ("M x y h n v1 h-n z" per run) and decodes them, quiet zone removed.</summary>
    static string Decode(int size, string path)
    {
        var dark = new bool[size, size];
        foreach (Match run in Regex.Matches(path, @"M(\d+) (\d+)h(\d+)"))
        {
            var (x, y, n) = (int.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture));
            for (var i = 0; i < n; i++) dark[x + i, y] = true;
        }
        const int quiet = 4;
        var matrix = new BitMatrix(size - 2 * quiet);
        for (var y = 0; y < matrix.Height; y++)
            for (var x = 0; x < matrix.Width; x++)
                if (dark[x + quiet, y + quiet]) matrix[x, y] = true;
        return new ZXing.QrCode.Internal.Decoder().decode(matrix, new Dictionary<DecodeHintType, object>()).Text;
    }
}
