using Carter;
using Registry.Api.Infrastructure;

namespace Registry.Api.Features.Applications;

/// <summary>Officers record applications and the decisions on them.</summary>
public sealed class ApplicationsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/applications").WithTags("Applications").RequireOfficer(Policies.RecordDecisions);

        g.MapPost("/", SubmitApplication.Handle).WithName("SubmitApplication")
            .WithSummary("Record an application received by the Committee, a Public Service Centre or the portal")
            .WithDescription("Returns the application and its receipt. Send an Idempotency-Key header: a retry with the same key returns the first response.");

        g.MapGet("/{id:guid}", GetApplication.Handle).WithName("GetApplication")
            .WithSummary("An application with its status, version, deadline and receipt");

        g.MapPost("/{id:guid}/decision", DecideApplication.Handle).WithName("DecideApplication")
            .WithSummary("Issue the result document or refuse with reasons")
            .WithDescription("Send If-Match with the application's version (from GetApplication's ETag) to guard against concurrent decisions, and an Idempotency-Key to make retries safe.");

        g.MapPost("/{id:guid}/completeness-check", CompletenessCheck.Handle).WithName("CheckCompleteness")
            .WithSummary("Record the completeness check: complete, documents missing (suspends consideration), or an expired expert conclusion (refuses)");

        g.MapPost("/{id:guid}/documents", SupplyDocuments.Handle).WithName("SupplyMissingDocuments")
            .WithSummary("Record that the missing documents arrived: consideration resumes and the deadline moves by the days suspended");
    }
}
