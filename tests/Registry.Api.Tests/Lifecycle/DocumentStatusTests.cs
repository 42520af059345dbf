using Registry.Domain.Documents;
using System.Net;
using Registry.Api.Features.Documents;
using Registry.Api.Tests.Infrastructure;
using Registry.Projections.Public;

namespace Registry.Api.Tests.Lifecycle;

public sealed class DocumentStatusTests(RegistryApp app) : IClassFixture<RegistryApp>
{
    static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);

    Task<HttpResponseMessage> Change(string number, string action, string reason, DateOnly? effectiveOn = null, string? ifMatch = null) =>
        app.Officer().PostJsonAsync($"/api/v1/documents/{number}/{action}", new ChangeDocumentStatus.Request(reason, effectiveOn), Guid.NewGuid().ToString(), ifMatch);

    async Task<VerificationResult> Verify(string number, DateOnly? asOf = null)
    {
        await app.WaitForProjectionsAsync();
        return (await app.Anonymous().GetJsonAsync<VerificationResult>($"/api/v1/verify/{number}{(asOf is { } d ? $"?asOf={d:yyyy-MM-dd}" : "")}"))!;
    }

    [Fact]
    public async Task A_suspended_document_is_invalid_from_the_suspension_date_and_valid_before_it()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation(submittedOn: Today.AddDays(-30)), decidedOn: Today.AddDays(-20));
        Assert.Equal(HttpStatusCode.OK, (await Change(number, "suspend", "Нарушение требований промышленной безопасности", Today.AddDays(-2))).StatusCode);

        var now = await Verify(number);
        Assert.False(now.Valid);
        Assert.Equal("suspended", now.StatusOnDate);
        Assert.Equal("Нарушение требований промышленной безопасности", now.Restriction!.Reason);
        Assert.Equal(Today.AddDays(-2), now.Restriction.EffectiveOn);

        var before = await Verify(number, Today.AddDays(-3));
        Assert.True(before.Valid);
    }

    [Fact]
    public async Task A_reinstated_document_is_valid_again_and_keeps_its_full_history()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        await Change(number, "suspend", "Проверка");
        Assert.Equal(HttpStatusCode.OK, (await Change(number, "reinstate", "Нарушения устранены")).StatusCode);
        Assert.True((await Verify(number)).Valid);

        var details = await app.Anonymous().GetJsonAsync<PublicDocument>($"/api/v1/registry/attestation/{number}");
        Assert.Equal([DocumentStatus.Valid, DocumentStatus.Suspended, DocumentStatus.Valid], details!.History.Select(h => h.Status));
    }

    [Fact]
    public async Task A_revoked_document_is_final()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        Assert.Equal(HttpStatusCode.OK, (await Change(number, "revoke", "Решение суда")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Change(number, "reinstate", "Ошибка")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Change(number, "suspend", "Ошибка")).StatusCode);
        var verified = await Verify(number);
        Assert.False(verified.Valid);
        Assert.Equal(DocumentStatus.Revoked, verified.Status);
    }

    [Fact]
    public async Task A_status_change_needs_a_reason_and_a_current_version()
    {
        var number = await app.Officer().IssueAsync(Scenario.Attestation());
        Assert.Equal(HttpStatusCode.BadRequest, (await Change(number, "suspend", " ")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Change(number, "suspend", "Проверка", ifMatch: "\"7\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Change(number, "suspend", "Проверка", ifMatch: "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Change("ATT-1999-999999", "suspend", "Проверка")).StatusCode);
    }
}
