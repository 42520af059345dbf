using System.Net;
using System.Text.Json;
using Registry.Api.Features.Verification;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.ReadSide;

public sealed class PublicApiTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task A_lookup_carries_an_etag_and_answers_304_when_nothing_changed()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var first = await app.Anonymous().GetAsync($"/api/v1/verify/{number}");
        var etag = first.Headers.ETag?.Tag;
        Assert.NotNull(etag);
        Assert.Contains("max-age", first.Headers.CacheControl?.ToString());
        var again = await app.Anonymous().GetAsync($"/api/v1/verify/{number}", ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);

        await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend", new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await app.WaitForProjectionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.Anonymous().GetAsync($"/api/v1/verify/{number}", ifNoneMatch: etag)).StatusCode);
    }

    /// <summary>A number typed with too few or too many leading zeros, with the letter O for a zero, or pasted with the words
    /// around it, is not found — verification never guesses — and the 404 names the document it probably means.</summary>
    [Fact]
    public async Task A_mistyped_number_is_not_found_and_the_answer_names_the_number_meant()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var sequence = number[9..].TrimStart('0');
        foreach (var typed in new[] { $"{number[..9]}{sequence}", $"{number[..9]}0{number[9..]}", number[..9] + number[9..].Replace('0', 'O'), $"Аттестат № {number} от 12.03.2026" })
        {
            var response = await app.Anonymous().GetAsync($"/api/v1/verify/{Uri.EscapeDataString(typed)}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal([number], problem.RootElement.GetProperty("didYouMean").EnumerateArray().Select(e => e.GetString()));
        }
        var unknown = await app.Anonymous().GetAsync($"/api/v1/verify/{number[..9]}99999");
        using var none = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
        Assert.Empty(none.RootElement.GetProperty("didYouMean").EnumerateArray());
    }

    /// <summary>Slashes encoded in the path segment (%2F), which routing leaves encoded, are read as sent: a number written
    /// with slashes is the number, as with spaces or dashes; a link to its page is not verified, as verification never
    /// guesses, but the answer names the link as sent and the document it probably means.</summary>
    [Fact]
    public async Task A_number_with_encoded_slashes_is_read_as_sent()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit"));
        await app.WaitForProjectionsAsync();
        var slashed = await app.Anonymous().GetAsync($"/api/v1/verify/{Uri.EscapeDataString(number.Replace('-', '/'))}");
        Assert.Equal(HttpStatusCode.OK, slashed.StatusCode);
        var link = $"https://registry.example.kz/ru/documents/{number}";
        var response = await app.Anonymous().GetAsync($"/api/v1/verify/{Uri.EscapeDataString(link)}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal([number], problem.RootElement.GetProperty("didYouMean").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains($"'{link}'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Every public address of a document reads a number sent with encoded slashes as written: its details, its
    /// proof, its page in each language, and the addresses that lead to the page (the QR code's and the canonical one).</summary>
    [Fact]
    public async Task Every_public_address_of_a_document_reads_a_number_with_encoded_slashes()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit"));
        await app.WaitForProjectionsAsync();
        var slashed = Uri.EscapeDataString(number.Replace('-', '/'));
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var path in new[] { $"/api/v1/registry/permit/{slashed}", $"/api/v1/verify/{slashed}/proof", $"/kk/documents/{slashed}", $"/ru/documents/{slashed}" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Contains(number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        foreach (var path in new[] { $"/d/{slashed}", $"/documents/{slashed}" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{path}: {response.StatusCode}");
            var page = await app.Anonymous().GetAsync(response.Headers.Location);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path} → {response.Headers.Location}: {page.StatusCode}");
        }
    }

    /// <summary>An inspector typing a number on a Russian keyboard: the kind's letters as they sound (ПРМ for PRM) or as the
    /// Latin keys give them with the Russian layout on (ЗКЬ) are that kind, as the Cyrillic look-alikes (АТТ) always were.</summary>
    [Fact]
    public async Task A_number_whose_kind_letters_are_typed_in_cyrillic_is_verified()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit"));
        await app.WaitForProjectionsAsync();
        foreach (var typed in new[] { "ПРМ" + number[3..], "зкь" + number[3..] })
        {
            var response = await app.Anonymous().GetAsync($"/api/v1/verify/{Uri.EscapeDataString(typed)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var found = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(number, found.RootElement.GetProperty("number").GetString());
        }
        var unpadded = await app.Anonymous().GetAsync($"/api/v1/verify/{Uri.EscapeDataString("ЗКЬ " + number[4..8] + " " + number[9..].TrimStart('0'))}");
        Assert.Equal(HttpStatusCode.NotFound, unpadded.StatusCode);
        using var problem = JsonDocument.Parse(await unpadded.Content.ReadAsStringAsync());
        Assert.Equal([number], problem.RootElement.GetProperty("didYouMean").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>A query typed with the other keyboard layout on, which finds nothing as typed, is answered as meant, and the
    /// page names what it read; a query that finds something as typed names nothing.</summary>
    [Fact]
    public async Task A_query_typed_on_the_other_keyboard_layout_is_answered_as_meant_and_says_so()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation(name: "ТОО «Горизонт Север»"));
        await app.WaitForProjectionsAsync();
        using var page = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/registry/search?q={Uri.EscapeDataString("Ujhbpjyn Ctdth")}"));
        Assert.Equal("Горизонт Север", page.RootElement.GetProperty("readAs").GetString());
        Assert.Contains(number, page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
        using var typed = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/registry/search?q={Uri.EscapeDataString("Горизонт Север")}"));
        Assert.Equal(JsonValueKind.Null, typed.RootElement.GetProperty("readAs").ValueKind);
    }

    /// <summary>A query naming the holder's region as an address does, which finds nothing as typed, is answered in that
    /// region, page after page, and the page names both what it read and the region.</summary>
    [Fact]
    public async Task A_query_naming_a_region_is_answered_in_that_region_and_says_so()
    {
        var word = string.Concat(Guid.NewGuid().ToByteArray().Take(10).Select(b => "бвгдклмнпрстфх"[b % 14]));
        string[] numbers = [await app.Officer().IssueAsync(Scenario.Attestation(name: $"ТОО «Шұғыла {word}»")),
            await app.Officer().IssueAsync(Scenario.Attestation(name: $"ТОО «Шұғыла {word}»"))];
        await app.WaitForProjectionsAsync();
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await app.Anonymous().GetStringAsync(
                $"/api/v1/registry/search?q={Uri.EscapeDataString($"Шұғыла {word}, Карагандинская обл.")}&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}"));
            Assert.Equal($"Шұғыла {word}", page.RootElement.GetProperty("readAs").GetString());
            Assert.Equal("Қарағанды облысы", page.RootElement.GetProperty("readFilters").GetProperty("region").GetString());
            Assert.Equal(JsonValueKind.Null, page.RootElement.GetProperty("readFilters").GetProperty("kind").ValueKind);
            seen.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count < 5);
        Assert.Equal(numbers.Order(), seen.Order());
        using var elsewhere = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/registry/search?q={Uri.EscapeDataString($"Шұғыла {word}, г. Астана")}"));
        Assert.Empty(elsewhere.RootElement.GetProperty("items").EnumerateArray());
    }

    /// <summary>The region filter takes a region as recorded, or any other of its names: an integrator holding Russian
    /// names need not translate them.</summary>
    [Fact]
    public async Task The_region_filter_reads_a_region_s_other_names_as_it()
    {
        var word = string.Concat(Guid.NewGuid().ToByteArray().Take(10).Select(b => "бвгдклмнпрстфх"[b % 14]));
        var number = await app.Officer().IssueAsync(Scenario.Attestation(name: $"ТОО «Жарық {word}»"));
        await app.WaitForProjectionsAsync();
        foreach (var region in new[] { "Қарағанды облысы", "Карагандинская область", "karaganda region" })
        {
            var page = await app.Anonymous().GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={word}&region={Uri.EscapeDataString(region)}");
            Assert.Equal([number], page!.Items.Select(i => i.Number));
        }
        Assert.Empty((await app.Anonymous().GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={word}&region={Uri.EscapeDataString("Костанайская область")}"))!.Items);
    }

    /// <summary>The pages of an answer read on the other layout follow one another with the query as typed and the cursor.</summary>
    [Fact]
    public async Task The_pages_of_an_answer_read_on_the_other_keyboard_layout_walk_it_with_the_query_as_typed()
    {
        string[] numbers = [await app.Officer().IssueAsync(Scenario.Attestation(name: "ТОО «Меридиан Плюс»")),
            await app.Officer().IssueAsync(Scenario.Attestation(name: "ТОО «Меридиан Плюс»"))];
        await app.WaitForProjectionsAsync();
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await app.Anonymous().GetStringAsync(
                $"/api/v1/registry/search?q=Vthblbfy&limit=1{(cursor is null ? "" : $"&cursor={cursor}")}"));
            Assert.Equal("Меридиан", page.RootElement.GetProperty("readAs").GetString());
            seen.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()));
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count < 5);
        Assert.Equal(numbers.Order(), seen.Order());
    }

    [Fact]
    public async Task Reads_allow_any_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/registry/search?q=x");
        request.Headers.Add("Origin", "https://partner.example");
        var response = await app.Anonymous().SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task An_individual_s_iin_is_masked_everywhere_in_public_output()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit", "individual"));
        await app.WaitForProjectionsAsync();
        foreach (var url in new[] { $"/api/v1/verify/{number}", $"/api/v1/registry/permit/{number}", $"/api/v1/registry/search?q={number}", "/api/v1/changes?after=0&limit=1000" })
        {
            var body = await app.Anonymous().GetStringAsync(url);
            Assert.DoesNotContain("880101300010", body);
        }
        Assert.Contains("88********10", await app.Anonymous().GetStringAsync($"/api/v1/verify/{number}"));
        Assert.Empty((await app.Anonymous().GetJsonAsync<SearchPage>("/api/v1/registry/search?q=880101300010"))!.Items);
    }

    [Fact]
    public async Task Refusal_reasons_and_contact_persons_are_not_public()
    {
        var request = Scenario.Attestation();
        var number = await app.Officer().IssueAsync(request);
        await app.WaitForProjectionsAsync();
        var body = await app.Anonymous().GetStringAsync($"/api/v1/registry/attestation/{number}");
        Assert.DoesNotContain(request.Contact!.Person!, body);
        Assert.DoesNotContain(request.Contact.Phone!, body);
    }

    [Fact]
    public async Task An_organisation_profile_gets_a_new_etag_when_only_the_holder_s_region_changed()
    {
        var bin = Scenario.NewBin();
        var attestation = Scenario.Attestation(bin, "ТОО «Переезд»");
        var number = await app.Officer().IssueAsync(attestation with { Applicant = attestation.Applicant with { Region = "Астана" } });
        await app.WaitForProjectionsAsync();
        var before = (await app.Anonymous().GetAsync($"/api/v1/organisations/{bin}")).Headers.ETag!.Tag;

        // Same name, same documents and statuses afterwards; only the region the holder gave on a new application differs.
        await app.Officer().SubmitAsync(attestation with { Applicant = attestation.Applicant with { Region = "Абай облысы" } });
        await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend", new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/reinstate", new Features.Documents.ChangeDocumentStatus.Request("Устранено", null, null), Guid.NewGuid().ToString());
        await app.WaitForProjectionsAsync();

        var after = await app.Anonymous().GetAsync($"/api/v1/organisations/{bin}", ifNoneMatch: before);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Абай облысы", (await after.ReadAsync<OrganisationProfile>()).Region);
    }

    [Fact]
    public async Task An_organisation_profile_lists_its_documents_and_former_names()
    {
        var bin = Scenario.NewBin();
        var first = await app.Officer().IssueAsync(Scenario.Attestation(bin, "ТОО «Старое Имя»"));
        var second = await app.Officer().IssueAsync(Scenario.For("permit") with { Applicant = Scenario.Attestation(bin, "ТОО «Новое Имя»").Applicant });
        await app.WaitForProjectionsAsync();
        var profile = await app.Anonymous().GetJsonAsync<OrganisationProfile>($"/api/v1/organisations/{bin}");
        Assert.Equal("ТОО «Новое Имя»", profile!.Name);
        Assert.Contains("ТОО «Старое Имя»", profile.FormerNames);
        Assert.Equal([first, second], profile.Documents.Select(d => d.Number).Order());
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Anonymous().GetAsync("/api/v1/organisations/123")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/organisations/{Scenario.NewBin()}")).StatusCode);
    }

    [Fact]
    public async Task The_change_feed_lists_every_document_version_once_in_order()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend", new Features.Documents.ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        await app.WaitForProjectionsAsync();
        var all = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/changes?after={after}&limit=2")).RootElement;
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0) break;
            all.AddRange(items);
            after = page.GetProperty("lastSeq").GetInt64();
        }
        var seqs = all.Select(i => i.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Distinct().Count(), seqs.Count);
        Assert.Equal(["issued", "suspended"], all.Where(i => i.GetProperty("number").GetString() == number).Select(i => i.GetProperty("change").GetString()));
    }

    [Fact]
    public async Task Bulk_verification_answers_each_number_in_request_order()
    {
        var a = await app.Officer().IssueAsync(Scenario.Attestation());
        var b = await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var result = await (await app.Anonymous().PostJsonAsync("/api/v1/verify", new VerificationModule.BulkRequest([b, "ATT-1999-999999", a.ToLowerInvariant()], null)))
            .ReadAsync<VerificationModule.BulkVerification>();
        Assert.Equal([true, false, true], result.Results.Select(r => r.Found));
        Assert.Equal([b, "ATT-1999-999999", a.ToLowerInvariant()], result.Results.Select(r => r.Number));
        var tooMany = await app.Anonymous().PostJsonAsync("/api/v1/verify", new VerificationModule.BulkRequest([.. Enumerable.Repeat(a, 1001)], null));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task A_document_answers_whether_it_covers_an_activity_or_device()
    {
        var number = await app.Officer().IssueAsync(Scenario.For("permit"));
        await app.WaitForProjectionsAsync();
        var yes = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/verify/{number}?covers={Uri.EscapeDataString("кран КС-55713")}")).RootElement;
        Assert.True(yes.GetProperty("covers").GetProperty("covered").GetBoolean());
        var no = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/verify/{number}?covers={Uri.EscapeDataString("экскаватор")}")).RootElement;
        Assert.False(no.GetProperty("covers").GetProperty("covered").GetBoolean());
    }

    [Fact]
    public async Task Bad_query_parameters_are_problem_details_not_server_errors()
    {
        foreach (var url in new[] { "/api/v1/registry/search?kind=spaceship", "/api/v1/registry/search?limit=0", "/api/v1/registry/search?sort=sideways",
                     "/api/v1/registry/search?cursor=garbage", "/api/v1/verify/ATT-2026-000001?asOf=yesterday", "/api/v1/changes?after=-1" })
        {
            var response = await app.Anonymous().GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Search_pages_with_a_cursor_that_stays_stable_while_documents_are_added()
    {
        var name = $"Пагинация {Guid.NewGuid():N}"[..20];
        for (var i = 0; i < 5; i++) await app.Officer().IssueAsync(Scenario.Attestation(name: $"ТОО «{name}»"));
        await app.WaitForProjectionsAsync();
        var q = Uri.EscapeDataString(name);
        var page1 = await app.Anonymous().GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={q}&limit=2&sort=number");
        await app.Officer().IssueAsync(Scenario.Attestation(name: $"ТОО «{name}»"));
        await app.WaitForProjectionsAsync();
        var seen = page1!.Items.Select(i => i.Number).ToList();
        var cursor = page1.NextCursor;
        while (cursor is not null)
        {
            var page = await app.Anonymous().GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={q}&limit=2&sort=number&cursor={cursor}");
            seen.AddRange(page!.Items.Select(i => i.Number));
            cursor = page.NextCursor;
        }
        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(6, seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }
}

public sealed class RateLimitedApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:PermitsPerSecond"] = "2" };
}

public sealed class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_retry_after_as_problem_details()
    {
        var client = app.Anonymous();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await client.GetAsync("/api/v1/verify/ATT-1999-000001");
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
        }
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter is not null);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
