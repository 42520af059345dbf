using System.Text.Json;
using Carter;
using Registry.Api.Infrastructure;
using Registry.Domain.Identifiers;
using Registry.Projections.Queries;

namespace Registry.Api.Features.Organisations;

public sealed class OrganisationsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/organisations").WithTags("Organisations").AllowAnonymous().RequirePublicRateLimit()
            .MapGet("/{bin}", Get).WithName("GetOrganisation")
            .WithSummary("An organisation by BIN, with its former names and all its public documents")
            .Produces<OrganisationProfile>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
    }

    static async Task<IResult> Get(string bin, HttpContext http, IOrganisationQuery query, CancellationToken ct)
    {
        if (!TaxpayerNumber.IsValid(bin))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["bin"] = ["A BIN is 12 digits with a valid check digit."] }, type: ProblemTypes.Validation);
        var profile = await query.FindAsync(bin, ct);
        if (profile is null) return ProblemTypes.Problem(404, ProblemTypes.NotFound, "No such organisation", $"No public document is held by BIN {bin}.");
        // The profile's content is its identity: a holder's region or former names change no document number or status.
        return Caching.OkWithETag(http, profile, JsonSerializer.Serialize(profile));
    }
}
