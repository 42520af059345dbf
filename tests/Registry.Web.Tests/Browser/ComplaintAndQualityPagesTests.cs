using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Registry.Api.Features.Applications;
using Registry.Api.Features.Complaints;
using Registry.Api.Tests.Infrastructure;
using Registry.Web.Tests.Infrastructure;

namespace Registry.Web.Tests.Browser;

/// <summary>How to complain, the complaint status by talon, and the quality indicators, in Chromium.</summary>
[Collection(WebsiteCollection.Name)]
public sealed class ComplaintAndQualityPagesTests(WebsiteApp app)
{
    const string Applicant = "Сейітова Әлия Болатқызы";
    const string Address = "100000, Қарағанды, Ерубаев көшесі, 20";

    [Fact]
    public async Task A_service_page_leads_to_how_to_complain_with_each_addressee_the_court_and_the_configured_term_with_its_source()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/kk/services/attestation");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Шағымдану тәртібі толығырақ" }).ClickAsync(), "**/kk/services/attestation/complaints");

        var routes = await page.Locator("section.route").AllInnerTextsAsync();
        Assert.Equal(4, routes.Count);
        Assert.Contains("Министрліктің басшылығы", routes[0]);
        Assert.Contains("8 (7172) 60-21-33", routes[0]); // l. 320
        Assert.Contains("Комитет төрағасы", routes[1]);
        Assert.Contains("Орталық басшысы немесе Орталық РМК басшысы", routes[2]);
        Assert.Contains("сотқа жүгінуге болады (23-тармақ)", routes[3]);
        // The shipped answer-terms.json: a placeholder term, shown with the source the configuration names.
        Assert.All(routes.Take(3), r => Assert.Contains("15 жұмыс күні", r));
        Assert.All(routes.Take(3), r => Assert.Contains("PLACEHOLDER", r));
        var contents = await page.Locator("#contents-title + ul li").AllInnerTextsAsync();
        Assert.Equal(6, contents.Count);
        Assert.Contains("пошталық мекенжайы", contents);
        Assert.Contains("2007 жылғы 12 қаңтардағы Заң", await page.Locator("main").InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/ru/services/permit/complaints");
        Assert.Contains("15 рабочих дней", await page.Locator("section.route").First.InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_status_form_shows_a_complaint_by_talon_and_code_without_personal_data_and_answers_a_wrong_code_like_an_unknown_number()
    {
        var talon = await RegisterAsync();
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/kk/services/attestation");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Шағымның мәртебесі" }).ClickAsync(), "**/kk/complaint-status");

        await page.GetByLabel("Талонның нөмірі").FillAsync(talon.Number.ToLowerInvariant());
        await page.GetByLabel("Қол жеткізу коды").FillAsync($"{talon.AccessCode![..5]}-{talon.AccessCode[5..]}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Мәртебені көрсету" }).ClickAsync();

        await page.WaitForSelectorAsync("#status-title");
        Assert.Equal($"{talon.Number}: тіркеу", await page.Locator("#status-title").InnerTextAsync());
        var answer = await page.Locator("section.answer").InnerTextAsync();
        Assert.Contains("Министрліктің басшылығы", answer);
        Assert.Contains(talon.Answer.DueOn.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), answer);
        Assert.Equal(2, await page.Locator("section.answer tbody tr").CountAsync());
        var html = await page.ContentAsync();
        foreach (var secret in new[] { Applicant, Address, "Бас маман", "Омаров", "Test Officer", talon.AccessCode })
            Assert.DoesNotContain(secret, html);
        await AssertAccessibleAsync(page);

        var wrongCode = await LookUpAsync(page, talon.Number, "AAAAAAAAAA");
        var unknownNumber = await LookUpAsync(page, "CMP-1999-999999", talon.AccessCode);
        Assert.Equal(404, wrongCode.Status);
        Assert.Equal(404, unknownNumber.Status);
        Assert.Equal(wrongCode.Text, unknownNumber.Text);
        Assert.Contains("Осы нөмір мен код бойынша шағым табылмады", wrongCode.Text);
        errors.RemoveAll(e => e.Contains("status of 404", StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_quality_page_draws_each_indicator_as_an_accessible_chart_with_a_table_and_links_the_csv()
    {
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/kk/services/attestation");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Қызметтің сапа көрсеткіштері" }).ClickAsync(), "**/kk/services/attestation/quality");

        var charts = page.Locator("svg.chart");
        Assert.Equal(6, await charts.CountAsync());
        var first = charts.First;
        Assert.Equal("img", await first.GetAttributeAsync("role"));
        Assert.StartsWith("1.1 ", await first.Locator("title").TextContentAsync());
        Assert.Contains("0-ден 100 %-ға дейінгі шкала", await first.Locator("desc").TextContentAsync());
        // The seeded attestation was decided in March 2026 within its term: a point for March in the chart and the table.
        Assert.True(await first.Locator("circle.point").CountAsync() >= 1);
        await page.Locator("details summary").First.ClickAsync();
        var march = await page.Locator("section.indicator").First.Locator("tbody tr").Nth(2).InnerTextAsync();
        Assert.StartsWith("03.2026", march);
        Assert.DoesNotContain("дерек жоқ", march);
        Assert.Equal(11, await page.Locator("section.indicator").First.Locator("tbody tr").CountAsync()); // January to November, today's month

        var csv = page.GetByRole(AriaRole.Link, new() { Name = "2026 жылдың көрсеткіштері, CSV" });
        var response = await page.APIRequest.GetAsync((await csv.GetAttributeAsync("href"))!);
        Assert.Equal(200, response.Status);
        var lines = Encoding.UTF8.GetString(await response.BodyAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("attestation,2026,1.1,", lines[1]);
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/ru/services/attestation/quality?year=20x6");
        Assert.Contains("Укажите год четырьмя цифрами", await page.Locator(".error").InnerTextAsync());
        errors.RemoveAll(e => e.Contains("status of 400", StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_survey_form_takes_a_code_from_a_result_once_and_says_so_clearly_the_second_time()
    {
        var submitted = await app.Officer().SubmitAsync(Scenario.For("permit", submittedOn: new DateOnly(2026, 11, 25), expertiseDate: new DateOnly(2026, 11, 1)));
        var decided = await (await app.Officer().DecideAsync(submitted.Id, "issue", key: Guid.NewGuid().ToString())).ReadAsync<DecideApplication.Response>();
        var (page, errors) = await app.NewPageAsync();
        await page.GotoAsync("/ru/services/permit/quality");
        await WebsiteApp.NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Получили услугу? Оцените её качество по коду с результата." }).ClickAsync(), "**/ru/survey");
        await AssertAccessibleAsync(page);

        var status = await SendSurveyAsync(page, decided.SurveyCode!);
        Assert.Equal(200, status);
        Assert.Equal("Спасибо! Ваши ответы учтены в показателях качества.", await page.Locator("[role=status]").InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/ru/survey");
        Assert.Equal(409, await SendSurveyAsync(page, decided.SurveyCode!));
        Assert.Equal("По этому коду на опрос уже ответили. Каждый код действует один раз.", await page.Locator(".error").InnerTextAsync());
        errors.RemoveAll(e => e.Contains("status of 409", StringComparison.Ordinal));
        Assert.Empty(errors);
    }

    static async Task<int> SendSurveyAsync(IPage page, string code)
    {
        await page.GetByLabel("Код опроса").FillAsync(code);
        await page.GetByRole(AriaRole.Group, new() { Name = "Удовлетворены ли вы качеством процесса оказания услуги?" }).GetByLabel("Да").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Удовлетворены ли вы вежливостью персонала?" }).GetByLabel("Нет").CheckAsync();
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Отправить" }).ClickAsync(),
            r => r.Request.Method == "POST");
        return response.Status;
    }

    async Task<RegisterComplaint.ComplaintTalon> RegisterAsync()
    {
        var request = new RegisterComplaint.Request("attestation", null, null, "result-disagreement", "post", null, Applicant, Address,
            new DateOnly(2026, 11, 27), true, "Бас маман", "Омаров Нұрлан", "Негізсіз бас тарту", "Шешімді қайта қарау", "8 (7212) 41-00-00");
        var response = await app.Officer().PostJsonAsync("/api/v1/complaints", request, Guid.NewGuid().ToString());
        return (await response.ReadAsync<RegisterComplaint.Response>()).Talon;
    }

    static async Task<(int Status, string Text)> LookUpAsync(IPage page, string number, string code)
    {
        await page.GotoAsync("/kk/complaint-status");
        await page.GetByLabel("Талонның нөмірі").FillAsync(number);
        await page.GetByLabel("Қол жеткізу коды").FillAsync(code);
        var response = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Мәртебені көрсету" }).ClickAsync(),
            r => r.Request.Method == "POST");
        return (response.Status, await page.Locator("main").InnerTextAsync());
    }

    static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        var serious = axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
