using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Registry.Api.DemoData;
using Registry.Api.Features.Documents;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.WriteModel;
using Registry.Domain.Calendar;

namespace Registry.Web.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class WebsiteCollection : ICollectionFixture<WebsiteApp>
{
    public const string Name = "website";
}

/// <summary>
/// The real application on a real TCP port (Kestrel, an OS-assigned port) over a fresh PostgreSQL database, a fixed
/// "today", known test data, and one headless Chromium (Debian's package) shared by every browser test.
/// </summary>
public sealed class WebsiteApp : RegistryApp, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The fixed day the site believes it is, so pages and screenshots do not change from one day to the next.</summary>
    public static readonly DateOnly Today = new(2026, 11, 30);

    public const string ScriptHolder = "<script>alert(1)</script>";
    public const string AttributeHolder = "ТОО \" onmouseover=\"alert(2)";
    public const string IndividualIin = "880101300010";

    /// <summary>The address people reach the site at (Website:BaseUrl), which QR codes carry; not the test server's port.</summary>
    public const string PublicBaseUrl = "https://registry.example";

    public TestData Data { get; private set; } = default!;
    public Uri BaseUrl { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;
    IPlaywright? playwright;
    IBrowserContext? previous;
    readonly RequestTrace trace = new();

    public WebsiteApp() => UseKestrel(0);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["DeadlineSweep:Enabled"] = "false",
        ["Website:BaseUrl"] = PublicBaseUrl,
        ["Logging:LogLevel:Default"] = "Warning",
        // The website's HTML pages are not in the OpenAPI document: their 400s and 404s are not API contract cases.
        ["Contract:Record"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedDay(Today)).AddSingleton<IStartupFilter>(trace));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/chromium.sh (make test does) — browser tests are never skipped.");
        await InitializeAsync();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        Data = await SeedAsync();
        await WaitForProjectionsAsync(TimeSpan.FromSeconds(30));

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        trace.Write();
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    /// <summary>How the tests wait for a page they navigated to: its HTML parsed, not every image and icon loaded. A
    /// page whose load event never came on a busy machine failed two tests at 90 s with every request answered.</summary>
    public static PageWaitForURLOptions Parsed => new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    /// <summary>Does what navigates and waits for the page it leads to (<see cref="Parsed"/>), the wait begun first: a
    /// WaitForURLAsync begun after a quick navigation finds the URL already there and waits for the load event whatever
    /// WaitUntil says (playwright-dotnet #3365) — the likely cause of those 90 s time-outs.</summary>
    public static Task NavigateAsync(IPage page, Func<Task> navigate, string url) => NavigateAsync(page.WaitForURLAsync(url, Parsed), navigate);

    /// <inheritdoc cref="NavigateAsync(IPage, Func{Task}, string)"/>
    public static Task NavigateAsync(IPage page, Func<Task> navigate, System.Text.RegularExpressions.Regex url) =>
        NavigateAsync(page.WaitForURLAsync(url, Parsed), navigate);

    static async Task NavigateAsync(Task arrived, Func<Task> navigate)
    {
        await navigate();
        await arrived;
    }

    /// <summary>A page in a fresh browser context that records every console error and uncaught exception. The tests of
    /// the collection run one at a time, so the previous test's context is closed rather than left running.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 900, [CallerMemberName] string test = "")
    {
        if (previous is not null) await previous.CloseAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        // The API suite loads 200,000 documents on the same two cores while these run, and a page can wait on its
        // resources for half a minute then: 10 s, then Playwright's own 30 s, each timed out in clean-clone runs (a keyboard
        // search's navigation; the open-data page's load). A wait that never ends still fails, only later.
        context.SetDefaultTimeout(90_000);
        previous = context;
        var page = await context.NewPageAsync();
        trace.Follow(page, test);
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add($"console: {message.Text} ({page.Url})"); };
        page.PageError += (_, error) => errors.Add($"page error: {error} ({page.Url})");
        page.Dialog += (_, dialog) => errors.Add($"dialog opened: {dialog.Message} ({page.Url})");
        return (page, errors);
    }

    /// <summary>Known documents for the flows, written through the officer API, plus 120 deterministic demo documents so
    /// that searches have facets and more than one page.</summary>
    async Task<TestData> SeedAsync()
    {
        await DemoDataSeeder.SeedAsync(DataSource, 120, Services.GetRequiredService<TimeProvider>(), Services.GetRequiredService<WorkingCalendar>(),
            Services.GetRequiredService<IOptions<DocumentTermOptions>>().Value, Services.GetRequiredService<IOptions<Registry.Api.Features.Applications.IntakeOptions>>().Value, CancellationToken.None);

        var officer = Officer();
        var submitted = new DateOnly(2026, 3, 2);
        var expertise = submitted.AddDays(-20);
        var karaganda = Scenario.NewBin();
        var coal = await officer.IssueAsync(Scenario.For("attestation", submittedOn: submitted, expertiseDate: expertise, name: "ТОО «Қарағанды Көмір Сервис»") with
        {
            Applicant = new("legal-entity", karaganda, "ТОО «Қарағанды Көмір Сервис»", "Қарағанды, Бұқар жырау даңғылы, 47", "+77212000000", "Қарағанды облысы"),
        }, decidedOn: submitted.AddDays(10));
        var permit = await officer.IssueAsync(Scenario.For("permit", submittedOn: submitted, expertiseDate: expertise) with
        {
            Applicant = new("legal-entity", karaganda, "ТОО «Қарағанды Көмір Сервис»", "Қарағанды, Бұқар жырау даңғылы, 47", "+77212000000", "Қарағанды облысы"),
        }, decidedOn: submitted.AddDays(10));
        await ChangeAsync(officer, permit, "suspend", "Нарушение требований промышленной безопасности", new DateOnly(2026, 6, 1));
        await ChangeAsync(officer, permit, "reinstate", "Нарушения устранены", new DateOnly(2026, 7, 1));

        var script = await officer.IssueAsync(Scenario.For("declaration", submittedOn: submitted, expertiseDate: expertise, name: ScriptHolder), decidedOn: submitted.AddDays(12));
        var attribute = await officer.IssueAsync(Scenario.For("fire-equipment-conclusion", submittedOn: submitted, name: AttributeHolder), decidedOn: submitted.AddDays(12));
        await ChangeAsync(officer, attribute, "revoke", "Решение суда", new DateOnly(2026, 9, 15));
        var individual = await officer.IssueAsync(Scenario.For("permit", "individual", submittedOn: submitted, expertiseDate: expertise, name: "Асқаров Бекзат Ерланұлы"),
            decidedOn: submitted.AddDays(12));

        // Silence means consent: an application left unanswered past its deadline, then the sweep.
        var unanswered = await officer.SubmitAsync(Scenario.For("standard-agreement", submittedOn: new DateOnly(2026, 9, 1), name: "ТОО «Бурабай Өрт Сөндіру Құралдары Плюс»"));
        var sweep = await Admin().PostJsonAsync("/api/v1/admin/deadlines/sweep", new { }, Guid.NewGuid().ToString());
        sweep.EnsureSuccessStatusCode();
        await using var db = await DataSource.OpenConnectionAsync();
        var deemed = await db.ExecuteScalarAsync<string>("select number from documents where application_id = @id", new { id = unanswered.Id });
        return new TestData(coal, permit, karaganda, script, attribute, individual, deemed!);
    }

    static async Task ChangeAsync(HttpClient officer, string number, string action, string reason, DateOnly effectiveOn)
    {
        var response = await officer.PostJsonAsync($"/api/v1/documents/{number}/{action}", new ChangeDocumentStatus.Request(reason, null, effectiveOn), Guid.NewGuid().ToString());
        response.EnsureSuccessStatusCode();
    }

    sealed class FixedDay(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
    }
}

/// <summary>Numbers of the seeded documents: an attestation and a suspended-then-reinstated permit of one organisation,
/// holders with markup in their names (one revoked), an individual's permit, and a document deemed issued.</summary>
public sealed record TestData(string Attestation, string ReinstatedPermit, string KaragandaBin, string ScriptHolderDocument,
    string AttributeHolderDocument, string IndividualPermit, string DeemedDocument);
