using Registry.Domain.Documents;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Outbox;
using Registry.Projections.Public;
using Registry.Projections.Queries;

namespace Registry.Api.Tests.Spine;

public sealed class SpineTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    /// <summary>How soon is measured by the load test's "lag" scenario (README "Figures"), not timed here.</summary>
    [Fact]
    public async Task An_issued_attestation_becomes_verifiable_and_searchable_after_the_decision()
    {
        var officer = app.Officer();
        var bin = Scenario.NewBin();
        var submitted = await officer.SubmitAsync(Scenario.Attestation(bin, "ТОО «Сарыарқа Сараптама»"));
        var decided = await officer.DecideAsync(submitted.Id, "issue");
        var clock = Stopwatch.StartNew();
        var number = (await decided.ReadAsync<Features.Applications.DecideApplication.Response>()).DocumentNumber!;

        var anonymous = app.Anonymous();
        VerificationResult? verified = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(15) && verified is null)
        {
            var response = await anonymous.GetAsync($"/api/v1/verify/{number}");
            if (response.StatusCode == HttpStatusCode.OK) verified = await response.ReadAsync<VerificationResult>();
            else await Task.Delay(20);
        }
        Assert.NotNull(verified);
        Assert.True(verified.Valid);
        Assert.Equal(DocumentKind.Attestation, verified.Kind);
        Assert.Equal("ТОО «Сарыарқа Сараптама»", verified.Holder.Name);

        foreach (var q in new[] { number, bin, "Сарыарқа", "Saryarqa Saraptama" })
        {
            var page = await anonymous.GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={Uri.EscapeDataString(q)}");
            Assert.True(page!.Items.Any(hit => hit.Number == number), $"'{q}' did not find {number}: {string.Join(", ", page.Items.Select(i => i.Number))}");
        }
    }

    [Fact]
    public async Task A_refused_application_never_appears_in_public_output()
    {
        var officer = app.Officer();
        var bin = Scenario.NewBin();
        var submitted = await officer.SubmitAsync(Scenario.Attestation(bin, "ТОО «Отказано Навсегда»"));
        var refused = await officer.DecideAsync(submitted.Id, "refuse", ["industrial-safety-requirements-not-met"]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        await app.WaitForProjectionsAsync();

        var anonymous = app.Anonymous();
        var byBin = await anonymous.GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={bin}");
        var byName = await anonymous.GetJsonAsync<SearchPage>($"/api/v1/registry/search?q={Uri.EscapeDataString("Отказано Навсегда")}");
        Assert.Empty(byBin!.Items);
        Assert.Empty(byName!.Items);
        Assert.Equal(0, await Count("select count(*) from read.documents where holder_identifier = @bin", new { bin }));
    }

    [Fact]
    public async Task A_refusal_without_reasons_is_a_validation_problem_and_changes_nothing()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.Attestation());
        var response = await officer.DecideAsync(submitted.Id, "refuse", []);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var application = await officer.GetJsonAsync<Features.Applications.GetApplication.Response>($"/api/v1/applications/{submitted.Id}");
        Assert.Equal("submitted", application!.Status);
        Assert.Equal(1, application.Version);
    }

    [Fact]
    public async Task Anonymous_writes_get_401_and_a_role_without_write_rights_gets_403_as_problem_details()
    {
        var anonymous = await app.Anonymous().PostJsonAsync("/api/v1/applications", Scenario.Attestation());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var auditor = await app.Auditor().PostJsonAsync("/api/v1/applications", Scenario.Attestation());
        Assert.Equal(HttpStatusCode.Forbidden, auditor.StatusCode);
        Assert.Equal("application/problem+json", auditor.Content.Headers.ContentType?.MediaType);

        var wrongToken = app.Anonymous();
        wrongToken.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongToken.PostJsonAsync("/api/v1/applications", Scenario.Attestation())).StatusCode);
        Assert.Equal(0, await Count("select count(*) from applications where accepted_by = 'unknown'"));
    }

    [Fact]
    public async Task Twenty_retries_with_one_idempotency_key_produce_one_document()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.Attestation());
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => officer.DecideAsync(submitted.Id, "issue", key: key)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.ReadAsync<Features.Applications.DecideApplication.Response>()).DocumentNumber));
        Assert.Single(numbers.Distinct());
        Assert.Equal(1, await Count("select count(*) from documents where application_id = @id", new { id = submitted.Id }));
    }

    [Fact]
    public async Task Twenty_concurrent_decisions_on_one_application_let_exactly_one_succeed_and_the_rest_get_409()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.Attestation());
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => officer.DecideAsync(submitted.Id, "issue", ifMatch: "\"1\"")));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await Count("select count(*) from documents where application_id = @id", new { id = submitted.Id }));
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_a_different_request_is_refused()
    {
        var officer = app.Officer();
        var key = Guid.NewGuid().ToString();
        await officer.SubmitAsync(Scenario.Attestation(), key);
        var second = await officer.PostJsonAsync("/api/v1/applications", Scenario.Attestation(name: "ТОО «Другое»"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.EndsWith("/idempotency-key-reused", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_invalid_bin_is_a_validation_problem_naming_the_field()
    {
        var response = await app.Officer().PostJsonAsync("/api/v1/applications", Scenario.Attestation(bin: "123456789012"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("applicant.identifier", out _));
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_projection_lag()
    {
        var response = await app.Anonymous().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("database").GetBoolean());
        Assert.Contains(body.GetProperty("projections").EnumerateArray(), p => p.GetProperty("projector").GetString() == "postgres-documents");
    }

    async Task<long> Count(string sql, object? args = null)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql, args);
    }
}
