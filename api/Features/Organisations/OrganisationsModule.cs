using System.Text.Json;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure;
using Registry.Api.Infrastructure.Results;
using Registry.Domain.Identifiers;
using Registry.Projections.Queries;

namespace Registry.Api.Features.Organisations;

/// <summary>An organisation's public profile: the holder as last recorded, its former names, every public document it holds.</summary>
public sealed class OrganisationsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1/organisations").WithTags("Organisations").AllowAnonymous().RequirePublicRateLimit()
            .MapGet("/{bin}", Get).WithName("GetOrganisation")
            .WithSummary("An organisation by BIN, with its former names and all its public documents");
    }

    static async Task<Results<Ok<OrganisationProfile>, NotModified, ValidationProblem, NotFoundProblem>> Get(string bin, HttpContext http,
        IOrganisationQuery query, CancellationToken ct)
    {
        if (!TaxpayerNumber.IsValid(bin))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["bin"] = ["A BIN is 12 digits with a valid check digit."] }, type: ProblemTypes.Validation);
        var profile = await query.FindAsync(bin, ct);
        if (profile is null) return new NotFoundProblem("No such organisation", $"No public document is held by BIN {bin}.");
        // The profile's content is its identity: a holder's region or former names change no document number or status.
        return Caching.IsNotModified(http, JsonSerializer.Serialize(profile)) ? new NotModified() : TypedResults.Ok(profile);
    }
}
