using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Common;
using Registry.Domain.Services;

namespace Registry.Api.Features.Services;

/// <summary>The six services: what each produces, who may apply, which documents, the deadline, the fee, where and when to
/// apply and how to complain — in Kazakh and Russian.</summary>
public sealed class ServicesModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/services").WithTags("Services").AllowAnonymous().RequirePublicRateLimit();
        g.MapGet("/", List).WithName("ListServices")
            .WithSummary("The catalogue of the six state services");
        g.MapGet("/{code}", Get).WithName("GetService").WithSummary("One service of the catalogue");
    }

    public sealed record DocumentDescription(string Code, Text Title, IReadOnlyList<string> Channels);

    public sealed record ServiceDescription(
        string Code, Text Name, Text Result, Text ResultForm, Text Provider, IReadOnlyList<string> Applicants, string Deadline, int DeadlineDays, string DeadlineBasis,
        int CompletenessCheckWorkingDays, bool ExpertConclusionRequired, int? ExpertConclusionValidMonths, IReadOnlyList<string> Channels,
        IReadOnlyList<DocumentDescription> Documents, IReadOnlyList<ApplicationField> ApplicationFields, Text DeemedIfNoAnswer, Text Fee,
        Text CommitteeHours, Text CentreHours, string CentresList, Text Complaints, string LegalBasis, int? RefusalDueWorkingDaysAfterProtocol);

    static Ok<List<ServiceDescription>> List() => TypedResults.Ok(ServiceCatalogue.All.Select(Describe).ToList());

    static Results<Ok<ServiceDescription>, NotFoundProblem> Get(string code) => ServiceCatalogue.Find(code) is { } s
        ? TypedResults.Ok(Describe(s))
        : new NotFoundProblem("No such service", $"No service '{code}'. One of: {string.Join(", ", ServiceCatalogue.All.Select(x => x.Code))}.");

    static ServiceDescription Describe(ServiceDefinition s) => new(
        s.Code, s.Name, s.ResultName, s.ResultForm, s.Provider, [.. s.Applicants.Select(a => a.Slug())], s.Deadline.ToString(), s.Deadline.Days,
        s.Deadline.Basis.Slug(), ServiceCatalogue.CompletenessCheckWorkingDays,
        s.ExpertConclusionRequired, s.ExpertConclusionRequired ? ServiceCatalogue.ExpertConclusionValidityMonths : null,
        [.. s.Channels.Select(c => c.Slug())], [.. s.Documents.Select(d => new DocumentDescription(d.Code, d.Title, [.. d.Channels.Select(c => c.Slug())]))],
        s.Fields, s.DeemedResult, ServiceCatalogue.Fee, ServiceCatalogue.CommitteeHours, ServiceCatalogue.CentreHours, "/api/v1/centres",
        ServiceCatalogue.Complaints, s.LegalBasis, s.RefusalDueWorkingDaysAfterProtocol);
}
