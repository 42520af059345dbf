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
        [Sector], [Activity], [],
        new SubmitApplication.ExpertConclusionDto("ТОО «Сараптама»", "EX-2026-17", DateOnly.FromDateTime(DateTime.Today).AddDays(-20)),
        [new SubmitApplication.AttachedDocumentDto("application", "Өтініш / Заявление"), new SubmitApplication.AttachedDocumentDto("expert-conclusion", "Сараптама қорытындысы")],
        new SubmitApplication.ContactDto("Асқар Бекова", "+77010000001"));

    public const string Sector = "Тау-кен өндірісі / Горнодобывающая отрасль";
    public const string Activity = "Өнеркәсіптік қауіпсіздік сараптамасы / Экспертиза промышленной безопасности";

    /// <summary>A Public Service Centre of annex 1 (Ақмола облысы).</summary>
    public const string CentreId = "03-02";

    public const string AcceptorPhone = "8 (7172) 74-96-59";

    /// <summary>A complete, valid application for any of the six services: the paragraph-11 documents of that channel and
    /// applicant, and what the channel's proof of intake needs (the Centre; the acceptor's phone on a marked copy).</summary>
    public static SubmitApplication.Request For(string service, string applicantType = "legal-entity", string channel = "committee", DateOnly? submittedOn = null,
        string? name = null, DateOnly? expertiseDate = null)
    {
        var definition = Registry.Domain.Services.ServiceCatalogue.Find(service)!;
        var identifier = applicantType == "individual" ? "880101300010" : applicantType == "non-resident" ? null : NewBin();
        var onChannel = Registry.Domain.Common.Slugs.TryParse<Registry.Domain.Services.Channel>(channel, out var c) ? c : Registry.Domain.Services.Channel.Committee;
        var applicant = Registry.Domain.Common.Slugs.TryParse<Registry.Domain.Services.ApplicantType>(applicantType, out var t) ? t : Registry.Domain.Services.ApplicantType.LegalEntity;
        var documents = definition.DocumentsFor(onChannel, applicant).Select(d => new SubmitApplication.AttachedDocumentDto(d.Code, d.Title.Ru)).ToList();
        var expert = definition.ExpertConclusionRequired
            ? new SubmitApplication.ExpertConclusionDto("ТОО «Сараптама»", "EX-2026-17", expertiseDate ?? (submittedOn ?? DateOnly.FromDateTime(DateTime.Today)).AddDays(-20))
            : null;
        return new(service, channel, submittedOn,
            new SubmitApplication.ApplicantDto(applicantType, identifier, name ?? $"ТОО «{service} {Guid.NewGuid():N}»", "Астана, пр. Мангилик Ел, 8", "+77172000000", "Астана"),
            service == "attestation" ? [Sector] : [], service == "attestation" ? [Activity] : [],
            service is "attestation" or "accreditation" ? [] : [new SubmitApplication.SubjectDto("Подъёмный кран КС-55713", "Грузоподъёмные работы на опасном производственном объекте")],
            expert, documents, new SubmitApplication.ContactDto("Асқар Бекова", "+77010000001"),
            CentreId: channel == "centre" ? CentreId : null,
            AcceptorPhone: definition.ProofOn(Registry.Domain.Services.Channel.Committee)?.Kind == Registry.Domain.Services.IntakeProofKind.MarkedApplicationCopy ? AcceptorPhone : null);
    }

    public static async Task<SubmitApplication.Response> SubmitAsync(this HttpClient officer, SubmitApplication.Request request, string? key = null)
    {
        var response = await officer.PostJsonAsync("/api/v1/applications", request, key ?? Guid.NewGuid().ToString());
        return await response.ReadAsync<SubmitApplication.Response>();
    }

    public const string SignatoryRole = "Комитет төрағасының орынбасары / Заместитель председателя Комитета";

    /// <summary>Issue, or refuse on <paramref name="grounds"/> (incomplete-information by default) with an explanation and a signatory's role.</summary>
    public static Task<HttpResponseMessage> DecideAsync(this HttpClient officer, Guid id, string outcome, string[]? grounds = null, string? key = null, string? ifMatch = null,
        DateOnly? decidedOn = null, DateOnly? protocolDecidedOn = null) =>
        officer.PostJsonAsync($"/api/v1/applications/{id}/decision", outcome == "refuse"
            ? new DecideApplication.Request(outcome, grounds ?? ["incomplete-information"], "Сараптамалық қорытындыда 7-тармақ жоқ / В экспертном заключении нет пункта 7",
                SignatoryRole, decidedOn, protocolDecidedOn)
            : new DecideApplication.Request(outcome, DecidedOn: decidedOn, ProtocolDecidedOn: protocolDecidedOn), key, ifMatch);

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
