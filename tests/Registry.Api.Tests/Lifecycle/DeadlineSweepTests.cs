using Dapper;
using Registry.Api.Features.Admin;
using Registry.Api.Features.Applications;
using Registry.Api.Tests.Infrastructure;
using Registry.Api.WriteModel;
using Registry.Domain.Applications;
using Registry.Domain.Common;

namespace Registry.Api.Tests.Lifecycle;

/// <summary>The sweep runs the domain's silence rule, not a copy of it: for any day, it deems issued exactly the
/// applications <see cref="ApplicationLifecycle.DeemedIssuedOn"/> says are due, dated as the rule dates them.</summary>
public sealed class DeadlineSweepTests(DeadlineSweepTests.App app) : IClassFixture<DeadlineSweepTests.App>
{
    /// <summary>No periodic sweep: this class decides which days are swept.</summary>
    public sealed class App : RegistryApp
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DeadlineSweep:Enabled"] = "false" };
    }

    [Fact]
    public async Task The_sweep_deems_issued_exactly_the_applications_the_domain_rule_says_are_due_on_each_day()
    {
        var officer = app.Officer();
        var march = new DateOnly(2025, 3, 3);
        var permit = await officer.SubmitAsync(Scenario.For("permit", submittedOn: march));                 // 15 calendar days
        var attestation = await officer.SubmitAsync(Scenario.For("attestation", submittedOn: march));       // 15 working days, Nauryz inside
        var underReview = await officer.SubmitAsync(Scenario.For("permit", submittedOn: march));
        await officer.PostJsonAsync($"/api/v1/applications/{underReview.Id}/completeness-check", new CompletenessCheck.Request([], march.AddDays(1)));
        var suspended = await officer.SubmitAsync(Scenario.For("permit", submittedOn: march));
        await officer.PostJsonAsync($"/api/v1/applications/{suspended.Id}/completeness-check", new CompletenessCheck.Request(["expert-conclusion"], march.AddDays(1)));
        var decided = await officer.SubmitAsync(Scenario.For("permit", submittedOn: march));
        await officer.DecideAsync(decided.Id, "issue", decidedOn: march.AddDays(5));
        var april = await officer.SubmitAsync(Scenario.For("declaration", submittedOn: new DateOnly(2025, 4, 1)));

        var deemedSoFar = new HashSet<Guid>();
        foreach (var day in new[] { new DateOnly(2025, 3, 18), new DateOnly(2025, 3, 19), new DateOnly(2025, 3, 28), new DateOnly(2025, 4, 17) })
        {
            var due = await DueByTheDomainAsync(day);
            var result = await DeadlineSweep.RunAsync(app.DataSource, new DocumentTermOptions(), day, CancellationToken.None);
            var deemed = await DeemedAsync(result.Numbers);
            Assert.Empty(deemedSoFar.Intersect(deemed.Keys));
            Assert.Equal(due.Keys.Order(), deemed.Keys.Order());
            Assert.All(deemed, d => Assert.Equal(due[d.Key], d.Value));
            deemedSoFar.UnionWith(deemed.Keys);
        }

        // The days above move the rule's input: each application fell due on its own day, the suspended and decided ones never.
        Assert.Equal(new[] { permit.Id, attestation.Id, underReview.Id, april.Id }.Order(), deemedSoFar.Order());
    }

    /// <summary>What the domain rule says, application by application, for that day: id → the day it is deemed issued.</summary>
    async Task<Dictionary<Guid, DateOnly>> DueByTheDomainAsync(DateOnly day)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(Guid Id, string Status, DateOnly? DeadlineOn)>("select id, status, deadline_on from applications");
        return rows.Select(r => (r.Id, On: ApplicationLifecycle.DeemedIssuedOn(Slugs.Parse<ApplicationStatus>(r.Status), r.DeadlineOn, day)))
            .Where(r => r.On is not null).ToDictionary(r => r.Id, r => r.On!.Value);
    }

    async Task<Dictionary<Guid, DateOnly>> DeemedAsync(IReadOnlyList<string> numbers)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var rows = await conn.QueryAsync<(Guid ApplicationId, DateOnly IssuedOn)>(
            "select application_id, issued_on from documents where number = any(@numbers) and deemed", new { numbers = numbers.ToArray() });
        return rows.ToDictionary(r => r.ApplicationId, r => r.IssuedOn);
    }
}
