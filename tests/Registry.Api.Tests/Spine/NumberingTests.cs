using System.Net;
using Dapper;
using Npgsql;
using Registry.Api.Features.Applications;
using Registry.Api.Tests.Infrastructure;
using Registry.Domain.Documents;

namespace Registry.Api.Tests.Spine;

/// <summary>Numbers are gap-free per kind and year and assigned with the commit (WriteModel/NumberAtCommit): until then
/// the document, its event, a receipt, a refusal notice and the answer carry a placeholder that must never be seen.</summary>
public sealed class NumberingTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    [Fact]
    public async Task Concurrent_issues_of_one_kind_get_the_next_numbers_without_a_gap_and_each_shows_its_own_everywhere()
    {
        var officer = app.Officer();
        var submitted = new List<Guid>();
        for (var i = 0; i < 12; i++) submitted.Add((await officer.SubmitAsync(Scenario.Attestation())).Id);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var before = await conn.ExecuteScalarAsync<long?>("select last from number_sequences where kind = 'attestation'") ?? 0;

        var responses = await Task.WhenAll(submitted.Select(id => officer.DecideAsync(id, "issue")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var answered = new Dictionary<Guid, string>();
        for (var i = 0; i < submitted.Count; i++) answered[submitted[i]] = (await responses[i].ReadAsync<DecideApplication.Response>()).DocumentNumber!;

        var stored = (await conn.QueryAsync<(Guid ApplicationId, string Number, string NumberNorm, DateOnly IssuedOn)>(
            "select application_id, number, number_norm, issued_on from documents where application_id = any(@ids)", new { ids = submitted.ToArray() })).ToList();
        var year = stored[0].IssuedOn.Year;
        Assert.Equal(Enumerable.Range(1, 12).Select(n => DocumentNumber.Format(DocumentKind.Attestation, year, before + n)).Order(),
            stored.Select(d => d.Number).Order());
        Assert.All(stored, d =>
        {
            Assert.Equal(answered[d.ApplicationId], d.Number);
            Assert.Equal(DocumentNumber.Normalize(d.Number), d.NumberNorm);
        });
        var events = (await conn.QueryAsync<string>("select payload->'document'->>'number' from outbox where aggregate_id in (select id from documents where application_id = any(@ids))",
            new { ids = submitted.ToArray() })).Order();
        Assert.Equal(stored.Select(d => d.Number).Order(), events);
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
            "select (select count(*) from outbox where payload::text like '%number-pending-%') + (select count(*) from idempotency_keys where response_body::text like '%number-pending-%')"));
    }

    [Fact]
    public async Task After_sequence_999999_a_number_keeps_all_its_digits_and_a_retry_answers_the_same_number()
    {
        var officer = app.Officer();
        var submitted = await officer.SubmitAsync(Scenario.Attestation());
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var year = DateTime.Today.Year;
        await conn.ExecuteAsync("""
            insert into number_sequences (kind, year, last) values ('attestation', @year, 999999)
            on conflict (kind, year) do update set last = 999999
            """, new { year });

        var key = Guid.NewGuid().ToString();
        var first = await (await officer.DecideAsync(submitted.Id, "issue", key: key)).ReadAsync<DecideApplication.Response>();
        var retried = await (await officer.DecideAsync(submitted.Id, "issue", key: key)).ReadAsync<DecideApplication.Response>();

        Assert.Equal($"ATT-{year}-1000000", first.DocumentNumber);
        Assert.Equal(first.DocumentNumber, retried.DocumentNumber);
        Assert.Equal($"ATT{year}1000000", await conn.ExecuteScalarAsync<string>("select number_norm from documents where application_id = @id", new { id = submitted.Id }));
    }

    [Fact]
    public async Task Concurrent_submissions_get_the_next_receipt_numbers_without_a_gap_and_a_retry_answers_the_same_receipt()
    {
        var officer = app.Officer();
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var year = DateTime.UtcNow.Year;
        var before = await conn.ExecuteScalarAsync<long?>("select last from number_sequences where kind = 'receipt' and year = @year", new { year }) ?? 0;
        var requests = Enumerable.Range(0, 12).Select(_ => (Key: Guid.NewGuid().ToString(), Body: Scenario.Attestation())).ToList();

        var submitted = await Task.WhenAll(requests.Select(r => officer.SubmitAsync(r.Body, r.Key)));
        var retried = await officer.SubmitAsync(requests[3].Body, requests[3].Key);

        Assert.Equal(Enumerable.Range(1, 12).Select(n => $"RCP-{year}-{before + n:D6}"), submitted.Select(s => s.Receipt.Number).Order());
        Assert.Equal(submitted[3].Id, retried.Id);
        Assert.Equal(submitted[3].Receipt, retried.Receipt);
        var stored = (await conn.QueryAsync<(Guid ApplicationId, string Number, string BodyNumber)>(
            "select application_id, number, body->>'number' from receipts where application_id = any(@ids)", new { ids = submitted.Select(s => s.Id).ToArray() })).ToList();
        Assert.Equal(submitted.Select(s => (s.Id, s.Receipt.Number, s.Receipt.Number)).Order(), stored.Order());
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
            "select (select count(*) from receipts where body::text like '%-pending-%') + (select count(*) from idempotency_keys where response_body::text like '%-pending-%')"));
    }

    [Fact]
    public async Task Concurrent_refusals_get_the_next_notice_numbers_without_a_gap_and_a_retry_answers_the_same_notice()
    {
        var officer = app.Officer();
        var submitted = new List<Guid>();
        for (var i = 0; i < 8; i++) submitted.Add((await officer.SubmitAsync(Scenario.Attestation())).Id);
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        var year = DateTime.Today.Year;
        var before = await conn.ExecuteScalarAsync<long?>("select last from number_sequences where kind = 'refusal-notice' and year = @year", new { year }) ?? 0;
        var keys = submitted.Select(_ => Guid.NewGuid().ToString()).ToList();

        var responses = await Task.WhenAll(submitted.Select((id, i) => officer.DecideAsync(id, "refuse", key: keys[i])));
        var refused = await Task.WhenAll(responses.Select(r => r.ReadAsync<DecideApplication.Response>()));
        var retried = await (await officer.DecideAsync(submitted[5], "refuse", key: keys[5])).ReadAsync<DecideApplication.Response>();

        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"RFN-{year}-{before + n:D6}"), refused.Select(r => r.RefusalNotice!.Number).Order());
        Assert.Equal(refused[5].RefusalNotice!.Number, retried.RefusalNotice!.Number);
        var stored = (await conn.QueryAsync<(Guid ApplicationId, string Number, string BodyNumber)>(
            "select application_id, number, body->>'number' from refusal_notices where application_id = any(@ids)", new { ids = submitted.ToArray() })).ToList();
        Assert.Equal(refused.Select(r => (r.ApplicationId, r.RefusalNotice!.Number, r.RefusalNotice!.Number)).Order(), stored.Order());
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
            "select (select count(*) from refusal_notices where body::text like '%-pending-%') + (select count(*) from idempotency_keys where response_body::text like '%-pending-%')"));
    }
}
