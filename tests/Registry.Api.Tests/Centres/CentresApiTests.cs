using System.Net;
using System.Text.Json;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Centres;

public sealed class CentresApiTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    async Task<List<JsonElement>> Search(string query) =>
        JsonDocument.Parse(await app.Anonymous().GetStringAsync($"/api/v1/centres?{query}")).RootElement.EnumerateArray().ToList();

    [Fact]
    public async Task All_centres_of_annex_one_are_loaded_at_start_up()
    {
        Assert.Equal(284, (await Search("")).Count);
        Assert.Equal(21, (await Search("region=" + Uri.EscapeDataString("Ақмола облысы"))).Count);
    }

    [Theory]
    [InlineData("Қапал")]
    [InlineData("Капал")]
    [InlineData("Qapal")]
    public async Task Centres_are_found_in_kazakh_russian_or_latin_spelling(string q)
    {
        var hits = await Search("q=" + Uri.EscapeDataString(q));
        Assert.Contains(hits, h => h.GetProperty("name").GetString() == "Қапал бөлімшесі");
    }

    [Fact]
    public async Task A_centre_shows_its_parent_children_and_phones_in_e164()
    {
        var details = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/api/v1/centres/03-02")).RootElement;
        Assert.Equal("Ақсу аудандық бөлімі", details.GetProperty("centre").GetProperty("name").GetString());
        Assert.Equal("03-01", details.GetProperty("parent").GetProperty("id").GetString());
        Assert.Contains(details.GetProperty("children").EnumerateArray(), c => c.GetProperty("name").GetString() == "Қапал бөлімшесі");
        Assert.Equal("+77283221451", details.GetProperty("centre").GetProperty("phones")[0].GetProperty("e164").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/centres/99-99")).StatusCode);
    }
}
