using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Applications;
using Registry.Domain.Services;

namespace Registry.Api.Features.Services;

/// <summary>The six services as their standards state them, in Kazakh and Russian: who may apply and where, the documents
/// per channel, refusal grounds, proofs of intake, the result and how it is delivered, duplicates, schedules, legal basis
/// and how to complain. Kazakh texts that quote the seed are verbatim and carry their seed reference.</summary>
public sealed class ServicesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/services").WithTags("Services").AllowAnonymous().RequirePublicRateLimit();
        g.MapGet("/", List).WithName("ListServices")
            .WithSummary("The catalogue of the six state services");
        g.MapGet("/{code}", Get).WithName("GetService").WithSummary("One service of the catalogue, rule by rule with its seed references");
    }

    /// <summary>A paragraph-11 document. Wording: the seed's own words for it on this channel (Kazakh verbatim, Russian
    /// translation). OriginalOrNotarisedCopy, MinimumCopies and Languages are given only where the seed says so;
    /// Condition: a part the seed requires only in some cases.</summary>
    public sealed record DocumentDescription(string Code, Text Title, SeedQuote? Wording, bool OriginalOrNotarisedCopy, int? MinimumCopies,
        IReadOnlyList<string> Languages, Text? Condition, Text? Note);

    /// <summary>The documents one channel takes. Applicants: residents, or non-residents (permits: their own list, Committee only).
    /// A Centre refuses intake when any of them is missing; the Committee and the portal accept and suspend.</summary>
    public sealed record ChannelDocuments(Channel Channel, string Applicants, IReadOnlyList<DocumentDescription> Documents);

    public sealed record Term(int Days, DeadlineBasis Basis, Text Text, SeedRef Seed, int CompletenessCheckWorkingDays, int? RefusalDueWorkingDaysAfterProtocol,
        SeedRef? RefusalDueSeed, int MaxQueueWaitMinutes);

    public sealed record ExpertConclusionRule(int ValidMonths, Text Effect);

    public sealed record ServiceDescription(
        int Number, string Code, SeedQuote Name, Text Result, Text Provider, Text ProviderAddress, IReadOnlyList<ApplicantType> Applicants, SeedRef ApplicantsSeed,
        IReadOnlyList<Channel> Channels, Term Term, Text Fee, ApplicationForm ApplicationForm, IReadOnlyList<ChannelDocuments> DocumentsByChannel,
        ExpertConclusionRule? ExpertConclusion, IReadOnlyList<ApplicationField> ApplicationFields, IReadOnlyList<Ground> RefusalGrounds,
        IReadOnlyList<Ground> ElectronicRequestGrounds, IReadOnlyList<IntakeProof> IntakeProofs, ResultForm ResultForm, IReadOnlyList<DeliveryOption> Delivery,
        CentreStorage? UncollectedAtCentre, DuplicateRule? Duplicates, IReadOnlyList<Schedule> Schedules, Text DeemedIfNoAnswer, SeedQuote DeemedClause,
        Text? DeemedNote, LegalBasis LegalBasis, IReadOnlyList<ComplaintRoute> ComplaintRoutes, Text ComplaintProcedure, string CentresList);

    static Ok<List<ServiceDescription>> List() => TypedResults.Ok(ServiceCatalogue.All.Select(Describe).ToList());

    static Results<Ok<ServiceDescription>, NotFoundProblem> Get(string code) => ServiceCatalogue.Find(code) is { } s
        ? TypedResults.Ok(Describe(s))
        : new NotFoundProblem("No such service", $"No service '{code}'. One of: {string.Join(", ", ServiceCatalogue.All.Select(x => x.Code))}.");

    static ServiceDescription Describe(ServiceDefinition s) => new(
        s.Number, s.Code, s.Name, s.ResultName, s.Provider, s.ProviderAddress, s.Applicants, s.ApplicantsSeed, s.Channels,
        new(s.Deadline.Days, s.Deadline.Basis, s.Deadline.Text, s.DeadlineSeed, ServiceCatalogue.CompletenessCheckWorkingDays, s.RefusalDueWorkingDaysAfterProtocol,
            s.RefusalDueSeed, ServiceCatalogue.MaxQueueWaitMinutes),
        ServiceCatalogue.Fee, s.Form, DocumentsByChannel(s),
        s.ExpertConclusionRequired ? new(ServiceCatalogue.ExpertConclusionValidityMonths, Completeness.ExpiredExpertConclusionNotice) : null,
        s.Fields, s.RefusalGrounds, s.ElectronicRequestGrounds, s.IntakeProofs, s.ResultForm, s.Delivery, s.UncollectedAtCentre, s.Duplicates, s.Schedules,
        s.DeemedResult, s.DeemedQuote, s.DeemedNote, s.LegalBasis, s.ComplaintRoutes, ServiceCatalogue.Complaints, "/api/v1/centres");

    static List<ChannelDocuments> DocumentsByChannel(ServiceDefinition s)
    {
        var lists = s.Channels.Select(c => new ChannelDocuments(c, "residents", [.. s.DocumentsFor(c).Select(d => Document(d, c))])).ToList();
        if (s.NonResidents is { } route)
            lists.AddRange(route.Channels.Select(c => new ChannelDocuments(c, "non-residents", [.. s.DocumentsFor(c, ApplicantType.NonResident).Select(d => Document(d, c))])));
        return lists;
    }

    static DocumentDescription Document(RequiredDocument d, Channel channel) =>
        new(d.Code, d.Title, d.WordingOn(channel), d.OriginalOrNotarisedCopy, d.MinimumCopies, d.Languages, d.Condition, d.Note);
}
