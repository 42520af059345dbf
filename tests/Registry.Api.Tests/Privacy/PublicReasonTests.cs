using System.Net;
using System.Text.Json;
using Dapper;
using Registry.Api.Features.Documents;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Privacy;

/// <summary>
/// Issue 13, privacy: an officer's note with a name and a phone number once reached verify. A status change now carries a
/// short public reason (published) and an internal note (kept for officers and the audit, never published), and the
/// OpenAPI document says which is which.
/// </summary>
public sealed class PublicReasonTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    const string Note = "Инспектор Ахметов Б.Қ., тел. +7 701 555 12 34, акт № 77 от проверки";

    [Fact]
    public async Task The_internal_note_never_reaches_verify_the_registry_page_search_the_organisation_page_or_the_change_feed()
    {
        var request = Scenario.For("permit");
        var number = await app.Officer().IssueAsync(request);
        var suspended = await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend",
            new ChangeDocumentStatus.Request("Тексеру / Проверка", Note, null), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, suspended.StatusCode);
        await app.WaitForProjectionsAsync();

        await using (var conn = await app.DataSource.OpenConnectionAsync())
            Assert.Equal(Note, await conn.ExecuteScalarAsync<string>(
                "select h.internal_note from document_status_history h join documents d on d.id = h.document_id where d.number = @number and h.internal_note is not null",
                new { number }));

        var verify = await app.Anonymous().GetStringAsync($"/api/v1/verify/{number}");
        Assert.Contains("Тексеру / Проверка", verify);
        var feed = new List<string>();
        for (long after = 0; feed.Count < 100;)
        {
            var page = JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/changes?after={after}&limit=1000")).RootElement;
            if (page.GetProperty("items").GetArrayLength() == 0) break;
            feed.Add(page.GetRawText());
            after = page.GetProperty("lastSeq").GetInt64();
        }
        Assert.Contains(feed, f => f.Contains(number));
        foreach (var body in new[] { verify, await app.Anonymous().GetStringAsync($"/api/v1/registry/permit/{number}"),
                     await app.Anonymous().GetStringAsync($"/api/v1/registry/search?q={number}"),
                     await app.Anonymous().GetStringAsync($"/api/v1/organisations/{request.Applicant.Identifier}") }.Concat(feed))
        {
            Assert.DoesNotContain("Ахметов Б.Қ.", body);
            Assert.DoesNotContain("555 12 34", body);
            Assert.DoesNotContain("акт № 77", body);
        }
    }

    [Theory]
    [InlineData("Звонить Ахметову +7 701 555 12 34")]
    [InlineData("ИИН 880101300010")]
    public async Task A_public_reason_carrying_a_phone_or_an_IIN_is_refused_and_points_to_the_internal_note(string reason)
    {
        var number = await app.Officer().IssueAsync(Scenario.For("attestation"));
        var response = await app.Officer().PostJsonAsync($"/api/v1/documents/{number}/suspend",
            new ChangeDocumentStatus.Request(reason, null, null), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("internal note", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_says_which_text_is_public_and_which_is_internal()
    {
        var document = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var schema = document.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Single(s => s.Value.TryGetProperty("properties", out var p) && p.TryGetProperty("publicReason", out _) && p.TryGetProperty("internalNote", out _)).Value;
        Assert.StartsWith("PUBLIC", schema.GetProperty("properties").GetProperty("publicReason").GetProperty("description").GetString());
        Assert.StartsWith("INTERNAL", schema.GetProperty("properties").GetProperty("internalNote").GetProperty("description").GetString());
    }
}
