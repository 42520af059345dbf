using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Registry.Web.Tests.Infrastructure;

namespace Registry.Web.Tests.Browser;

/// <summary>Each page once in Chromium: accessibility (axe), console, language, labels, 360 px, and its screenshots.</summary>
[Collection(WebsiteCollection.Name)]
public sealed partial class EveryPageTests(WebsiteApp app)
{
    /// <summary>The slugs the domain stores; none may reach a page's text.</summary>
    [GeneratedRegex(@"\b(valid|suspended|revoked|expired|not-yet-issued|attestation|permit|declaration|accreditation|fire-equipment-conclusion|standard-agreement|legal-entity|individual|non-resident|oil-and-gas|mining|chemical|power|metallurgy|gas-supply|lifting-equipment|explosives|industrial-safety-expertise|emergency-rescue-works|specialist-training|technical-diagnostics|hazardous-facility-design|committee|centre|portal|deemed)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishCode();

    public static TheoryData<string, string> Pages() => new()
    {
        { "home", "/kk" },
        { "results", "/kk/search?q=Қарағанды" },
        { "results-nothing-found", "/ru/search?q=Жоқ Мұндай Ұйым&kind=permit" },
        { "results-keyboard-layout", "/ru/search?q=Rfhfufylf" },
        { "document", "/kk/documents/{ReinstatedPermit}?on=15.06.2026" },
        { "document-ru", "/ru/documents/{DeemedDocument}" },
        { "organisation", "/kk/organisations/{KaragandaBin}" },
        { "check", "/kk/check" },
        { "services", "/kk/services" },
        { "service-deadline", "/ru/services/attestation?submitted=25.12.2025" },
        { "centres", "/ru/centres?region=Ақмола облысы" },
        { "open-data", "/kk/open-data" },
        { "complaints", "/kk/services/attestation/complaints" },
        { "complaint-status", "/ru/complaint-status" },
        { "quality", "/kk/services/declaration/quality" },
        { "survey", "/kk/survey" },
        { "not-found", "/kk/documents/ATT-1999-000000" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_accessibility_violation_no_console_error_no_english_code_and_fits_360_px(string name, string path)
    {
        var url = path.Replace("{ReinstatedPermit}", app.Data.ReinstatedPermit, StringComparison.Ordinal)
            .Replace("{DeemedDocument}", app.Data.DeemedDocument, StringComparison.Ordinal)
            .Replace("{KaragandaBin}", app.Data.KaragandaBin, StringComparison.Ordinal);
        var (page, errors) = await app.NewPageAsync();
        var response = await page.GotoAsync(url);
        var notFound = name == "not-found";
        Assert.Equal(notFound ? 404 : 200, response!.Status);
        // Chromium reports a page answered 404 on the console; that one is the point of the not-found page.
        if (notFound) errors.RemoveAll(e => e.StartsWith("console: Failed to load resource: the server responded with a status of 404", StringComparison.Ordinal));

        Assert.Equal(url[1..3], await page.Locator("html").GetAttributeAsync("lang"));
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{name}: {string.Join("\n", serious)}");
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotMatch(EnglishCode(), text);
        await Screenshot(page, name, 1280);

        await page.SetViewportSizeAsync(360, 800);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 360"), $"{name} scrolls sideways at 360 px");
        await Screenshot(page, name, 360);
        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    /// <summary>docs/screenshots/{name}-{width}.png in the repository, shown in the README.</summary>
    static async Task Screenshot(IPage page, string name, int width)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Registry.sln"))) root = root.Parent;
        var directory = Path.Combine(root!.FullName, "docs", "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, $"{name}-{width}.png"), FullPage = true });
    }
}
