using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Api.Features.Documents;
using Registry.Api.Features.OpenData;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.OpenData;

public sealed class OpenDataApp : RegistryApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OpenData:Enabled"] = "true",
        ["OpenData:Keep"] = "2",
    };
}

public sealed class OpenDataTests(OpenDataApp app) : IClassFixture<OpenDataApp>
{
    [Fact]
    public async Task An_export_holds_every_public_document_in_csv_and_json_lines_as_the_datapackage_describes_with_the_iin_masked()
    {
        var attestation = Scenario.Attestation();
        var company = await app.Officer().IssueAsync(attestation);
        var person = await app.Officer().IssueAsync(Scenario.For("permit", "individual"));
        await app.Officer().PostJsonAsync($"/api/v1/documents/{company}/suspend", new ChangeDocumentStatus.Request("Проверка", null, null), Guid.NewGuid().ToString());
        var refused = await app.Officer().SubmitAsync(Scenario.Attestation(name: "ТОО «Отказано Экспорт»"));
        await app.Officer().DecideAsync(refused.Id, "refuse", ["Причина отказа для экспорта"]);
        await app.WaitForProjectionsAsync();

        var manifest = await (await app.Admin().PostAsync("/api/v1/admin/exports", null)).ReadAsync<ExportManifest>();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var expected = (await conn.QueryAsync<string>("select number from read.documents order by number_norm")).AsList();
        Assert.Equal(expected.Count, manifest.Documents);

        var csvBytes = await Download("documents.csv.gz");
        var rows = Csv(Gunzip(csvBytes));
        Assert.Equal(OpenDataExport.Columns.Select(c => c.Name), rows[0]);
        var data = rows.Skip(1).Select(r => rows[0].Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(expected, data.Select(r => r["number"]));
        var companyRow = data.Single(r => r["number"] == company);
        Assert.Equal(("attestation", "suspended", "false", attestation.Applicant.Identifier, "bin"),
            (companyRow["kind"], companyRow["status"], companyRow["deemed"], companyRow["holder_identifier"], companyRow["holder_identifier_kind"]));
        Assert.Equal([Scenario.Sector], JsonSerializer.Deserialize<string[]>(companyRow["sectors"])!);
        Assert.Equal("suspended", JsonDocument.Parse(companyRow["status_history"]).RootElement.EnumerateArray().Last().GetProperty("status").GetString());
        Assert.Equal("88********10", data.Single(r => r["number"] == person)["holder_identifier"]);

        var jsonLinesBytes = await Download("documents.jsonl.gz");
        var lines = Gunzip(jsonLinesBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(expected, lines.Select(l => l.GetProperty("number").GetString()));
        var companyLine = lines.Single(l => l.GetProperty("number").GetString() == company);
        Assert.False(companyLine.GetProperty("deemed").GetBoolean());
        Assert.Equal(JsonValueKind.Array, companyLine.GetProperty("scope").ValueKind);
        Assert.Equal(OpenDataExport.Columns.Select(c => c.Name), companyLine.EnumerateObject().Select(p => p.Name));

        foreach (var text in new[] { Gunzip(csvBytes), Gunzip(jsonLinesBytes) })
        {
            Assert.DoesNotContain("880101300010", text);
            Assert.DoesNotContain(attestation.Contact!.Person!, text);
            Assert.DoesNotContain("Отказано Экспорт", text);
            Assert.DoesNotContain("Причина отказа", text);
        }

        var package = JsonDocument.Parse(await Download("datapackage.json")).RootElement;
        foreach (var resource in package.GetProperty("resources").EnumerateArray())
        {
            var fields = resource.GetProperty("schema").GetProperty("fields").EnumerateArray().ToList();
            Assert.Equal(rows[0], fields.Select(f => f.GetProperty("name").GetString()));
            Assert.All(fields, f => Assert.False(string.IsNullOrWhiteSpace(f.GetProperty("description").GetString())));
            var bytes = resource.GetProperty("path").GetString() == "documents.csv.gz" ? csvBytes : jsonLinesBytes;
            Assert.Equal($"sha256:{Sha256(bytes)}", resource.GetProperty("hash").GetString());
            Assert.Equal(bytes.Length, resource.GetProperty("bytes").GetInt64());
        }

        var sums = Encoding.ASCII.GetString(await Download("SHA256SUMS"));
        Assert.Contains($"{Sha256(csvBytes)}  documents.csv.gz\n", sums);
        Assert.Contains($"{Sha256(jsonLinesBytes)}  documents.jsonl.gz\n", sums);
        Assert.Contains($"{Sha256(await Download("datapackage.json"))}  datapackage.json\n", sums);
    }

    [Fact]
    public async Task Files_carry_their_sha256_as_etag_and_serve_byte_ranges()
    {
        await app.Officer().IssueAsync(Scenario.Attestation());
        await app.WaitForProjectionsAsync();
        var manifest = await (await app.Admin().PostAsync("/api/v1/admin/exports", null)).ReadAsync<ExportManifest>();
        var file = manifest.Files.Single(f => f.Name == "documents.csv.gz");

        var full = await app.Anonymous().GetAsync($"/api/v1/exports/{manifest.Id}/documents.csv.gz");
        Assert.Equal($"\"{file.Sha256}\"", full.Headers.ETag?.Tag);
        Assert.Equal("application/gzip", full.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", full.Headers.CacheControl?.ToString());
        var bytes = await full.Content.ReadAsByteArrayAsync();

        var partial = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/latest/documents.csv.gz");
        partial.Headers.Range = new RangeHeaderValue(10, 29);
        var range = await app.Anonymous().SendAsync(partial);
        Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
        Assert.Equal(bytes[10..30], await range.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, range.Content.Headers.ContentRange?.Length);

        Assert.Equal(HttpStatusCode.NotModified, (await app.Anonymous().GetAsync("/api/v1/exports/latest/documents.csv.gz", ifNoneMatch: $"\"{file.Sha256}\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"/api/v1/exports/{manifest.Id}/other.txt")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync("/api/v1/exports/..%2F..%2Fetc/passwd")).StatusCode);
    }

    [Fact]
    public async Task The_job_exports_at_first_start_the_listing_shows_the_latest_files_and_old_exports_are_pruned()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        OpenDataModule.ExportListing listing;
        do listing = await (await app.Anonymous().GetAsync("/api/v1/exports")).ReadAsync<OpenDataModule.ExportListing>();
        while (listing.Latest is null && DateTime.UtcNow < deadline && await Task.Delay(50).ContinueWith(_ => true));
        Assert.NotNull(listing.Latest);
        Assert.Equal(OpenDataExport.Files, listing.Latest.Files.Select(f => f.Name));
        Assert.All(listing.Latest.Files, f => Assert.Equal($"/api/v1/exports/latest/{f.Name}", f.LatestUrl));

        for (var i = 0; i < 3; i++) await (await app.Admin().PostAsync("/api/v1/admin/exports", null)).ReadAsync<ExportManifest>();
        listing = await (await app.Anonymous().GetAsync("/api/v1/exports")).ReadAsync<OpenDataModule.ExportListing>();
        Assert.Equal(2, listing.Exports.Count);
        Assert.Equal(listing.Exports[0].Id, listing.Latest!.Id);
    }

    [Fact]
    public async Task Only_an_administrator_starts_an_export()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsync("/api/v1/admin/exports", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Officer().PostAsync("/api/v1/admin/exports", null)).StatusCode);
    }

    /// <summary>An export of a million documents takes tens of seconds and a download over a slow link minutes: neither
    /// may be cut by the serving time-outs (Timeouts:Reads 2 s: request time-out and statement time-out).</summary>
    [Fact]
    public void Exports_and_their_downloads_run_past_the_serving_time_outs()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        foreach (var name in new[] { "RunExport", "GetLatestExportFile", "GetExportFile" })
        {
            var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == name);
            Assert.NotNull(endpoint.Metadata.GetMetadata<DisableRequestTimeoutAttribute>());
        }
        var serving = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        var longRunning = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredKeyedService<NpgsqlDataSource>(Database.LongRunning).ConnectionString);
        Assert.NotEqual(0, serving.CommandTimeout);
        Assert.Equal(0, longRunning.CommandTimeout);
    }

    async Task<byte[]> Download(string file)
    {
        var response = await app.Anonymous().GetAsync($"/api/v1/exports/latest/{file}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    static string Gunzip(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else field.Append(c);
        }
        return rows;
    }
}
