using System.Net.Http.Json;
using Registry.Api.DemoData;
using Registry.Api.Features.Applications;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>Builds valid requests and walks an application through the API, so tests state only what they care about.</summary>
public static class Scenario
{
    static readonly Random Random = new(42);
    static readonly Lock Gate = new();

    public static string NewBin()
    {
        lock (Gate) return Population.NewBin(Random);
    }

    public static SubmitApplication.Request Attestation(string? bin = null, string name = "ТОО «Қарағанды Көмір»", DateOnly? submittedOn = null, string channel = "committee") => new(
        "attestation", channel, submittedOn,
        new SubmitApplication.ApplicantDto("legal-entity", bin ?? NewBin(), name, "Қарағанды, Бұқар жырау даңғылы, 47", "+77212000000", "Қарағанды облысы"),
        ["mining"], ["industrial-safety-expertise"], [],
        new SubmitApplication.ExpertConclusionDto("ТОО «Сараптама»", "EX-2026-17", DateOnly.FromDateTime(DateTime.Today).AddDays(-20)),
        [new SubmitApplication.AttachedDocumentDto("application", "Өтініш / Заявление"), new SubmitApplication.AttachedDocumentDto("expert-conclusion", "Сараптама қорытындысы")],
        new SubmitApplication.ContactDto("Асқар Бекова", "+77010000001"));

    /// <summary>A complete, valid application for any of the six services.</summary>
    public static SubmitApplication.Request For(string service, string applicantType = "legal-entity", string channel = "committee", DateOnly? submittedOn = null,
        string? name = null, DateOnly? expertiseDate = null)
    {
        var definition = Registry.Domain.Services.ServiceCatalogue.Find(service)!;
        var identifier = applicantType == "individual" ? "880101300010" : applicantType == "non-resident" ? null : NewBin();
        var documents = definition.Documents.Select(d => new SubmitApplication.AttachedDocumentDto(d.Code, d.Title.Ru)).ToList();
        var expert = definition.ExpertConclusionRequired
            ? new SubmitApplication.ExpertConclusionDto("ТОО «Сараптама»", "EX-2026-17", expertiseDate ?? (submittedOn ?? DateOnly.FromDateTime(DateTime.Today)).AddDays(-20))
            : null;
        return new(service, channel, submittedOn,
            new SubmitApplication.ApplicantDto(applicantType, identifier, name ?? $"ТОО «{service} {Guid.NewGuid():N}»", "Астана, пр. Мангилик Ел, 8", "+77172000000", "Астана"),
            service == "attestation" ? ["mining"] : [], service == "attestation" ? ["industrial-safety-expertise"] : [],
            service is "attestation" or "accreditation" ? [] : [new SubmitApplication.SubjectDto("Подъёмный кран КС-55713", "Грузоподъёмные работы на опасном производственном объекте")],
            expert, documents, new SubmitApplication.ContactDto("Асқар Бекова", "+77010000001"));
    }

    public static async Task<SubmitApplication.Response> SubmitAsync(this HttpClient officer, SubmitApplication.Request request, string? key = null)
    {
        var response = await officer.PostJsonAsync("/api/v1/applications", request, key ?? Guid.NewGuid().ToString());
        return await response.ReadAsync<SubmitApplication.Response>();
    }

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient officer, Guid id, string outcome, string[]? reasons = null, string? key = null, string? ifMatch = null, DateOnly? decidedOn = null) =>
        officer.PostJsonAsync($"/api/v1/applications/{id}/decision", new DecideApplication.Request(outcome, reasons, decidedOn), key, ifMatch);

    /// <summary>Submits and issues; returns the document number.</summary>
    public static async Task<string> IssueAsync(this HttpClient officer, SubmitApplication.Request request, DateOnly? decidedOn = null)
    {
        var submitted = await officer.SubmitAsync(request);
        var decided = await (await officer.DecideAsync(submitted.Id, "issue", decidedOn: decidedOn)).ReadAsync<DecideApplication.Response>();
        return decided.DocumentNumber!;
    }

    public static async Task<HttpResponseMessage> GetAsync(this HttpClient client, string url, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await client.SendAsync(request);
    }

    public static Task<T?> GetJsonAsync<T>(this HttpClient client, string url) => client.GetFromJsonAsync<T>(url, HttpAssertions.Json);
}
