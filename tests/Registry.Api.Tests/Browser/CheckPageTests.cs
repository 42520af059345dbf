using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Registry.Api.Features.Proofs;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.Tests.Proofs;

namespace Registry.Api.Tests.Browser;

/// <summary>The API on a real loopback port, so that a browser can visit it.</summary>
public sealed class KestrelRegistryApp : RegistryApp
{
    public KestrelRegistryApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    public string BaseUrl
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }
    }
}

[Collection(Isolated.Name)]
public sealed class CheckPageTests(KestrelRegistryApp app) : IClassFixture<KestrelRegistryApp>
{
    [Fact]
    public async Task Once_visited_the_checker_tells_valid_tampered_wrong_key_expired_and_unknown_key_with_the_network_off()
    {
        var baseUrl = app.BaseUrl;
        var number = await app.Officer().IssueAsync(Scenario.Attestation(name: "ТОО «Қарағанды Көмір»"));
        await app.WaitForProjectionsAsync();
        var genuine = await (await app.Anonymous().GetAsync($"/api/v1/verify/{number}/proof")).ReadAsync<ProofsModule.ProofResponse>();
        var forged = ForgedProofs.From(genuine.Proof, genuine.KeyId, app.ProofKeyDirectory);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) => { if (message.Type == "error" && !message.Text.Contains("ERR_INTERNET_DISCONNECTED")) scriptErrors.Add($"{message.Text} {message.Location}"); };

        await page.GotoAsync($"{baseUrl}/check/");
        await page.WaitForFunctionAsync("""
            async () => (await navigator.serviceWorker.getRegistrations()).filter(r => r.active).length === 2
                && localStorage.getItem('registry-proof-keys') !== null
            """, null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        // What the document page's QR code carries: online, a scan of it opens that page.
        await page.GotoAsync($"{baseUrl}/ru/documents/{number}");
        var scanned = (await page.Locator(".qr").GetAttributeAsync("data-payload"))!;
        Assert.StartsWith($"{baseUrl}/d/{number}{QrPayload.Marker}", scanned);
        await page.GotoAsync(scanned);
        Assert.StartsWith($"{baseUrl}/ru/documents/{number}", page.Url);
        Assert.Equal(number, await page.InnerTextAsync("h1"));

        // Offline, the same scan opens the checker, served by the worker, which checks the proof in the fragment.
        await context.SetOfflineAsync(true);
        await page.GotoAsync(scanned);
        Assert.False(await page.EvaluateAsync<bool>("() => fetch('/health/live').then(() => true, () => false)"));
        await ExpectResult(page, "valid", "Подпись подлинная");
        Assert.Contains(number, await page.InnerTextAsync("#claims"));
        Assert.Contains("ТОО «Қарағанды Көмір»", await page.InnerTextAsync("#claims"));
        Assert.Contains("Нет сети", await page.InnerTextAsync("#network"));

        await page.ClickAsync("button[data-lang=kk]");
        Assert.StartsWith("Қолтаңба шынайы", await page.InnerTextAsync("#verdict"));
        await page.ClickAsync("button[data-lang=ru]");

        // Pasted into the checker itself, also offline.
        await page.GotoAsync($"{baseUrl}/check/");
        await Paste(page, forged.Tampered);
        await ExpectResult(page, "invalid", "Подпись не совпадает");
        await Paste(page, forged.WrongKey);
        await ExpectResult(page, "invalid", "Подпись не совпадает");
        await Paste(page, forged.Expired);
        await ExpectResult(page, "expired", "Доказательство истекло");
        await Paste(page, forged.UnknownKid);
        await ExpectResult(page, "unknown-key", "Этого ключа нет");
        await Paste(page, genuine.Qr);
        await ExpectResult(page, "valid", "Подпись подлинная");

        Assert.True(scriptErrors.Count == 0, string.Join(" | ", scriptErrors));
    }

    [Fact]
    public async Task The_checker_runs_under_a_policy_without_inline_scripts()
    {
        var response = await app.Anonymous().GetAsync("/check/");
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync());
        var worker = await app.Anonymous().GetAsync("/check/sw.js");
        Assert.Equal("/", worker.Headers.GetValues("Service-Worker-Allowed").Single());
    }

    static async Task Paste(IPage page, string text)
    {
        await page.FillAsync("#proof", text);
        await page.ClickAsync("button[type=submit]");
    }

    static async Task ExpectResult(IPage page, string state, string headlineOrReason)
    {
        await page.WaitForSelectorAsync($"#result[data-state='{state}']", new PageWaitForSelectorOptions { Timeout = 15_000 });
        var text = await page.InnerTextAsync("#result");
        Assert.Contains(headlineOrReason, text);
    }
}
