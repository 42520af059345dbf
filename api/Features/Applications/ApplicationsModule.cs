using Carter;
using Registry.Api.Infrastructure;

namespace Registry.Api.Features.Applications;

/// <summary>Officers record applications, the proofs handed over, the decisions on them and how the answers reached the applicant.</summary>
public sealed class ApplicationsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/applications").WithTags("Applications").RequireOfficer(Policies.RecordDecisions);

        g.MapPost("/", SubmitApplication.Handle).WithName("SubmitApplication")
            .WithSummary("Record an application received by the Committee, a Public Service Centre or the portal")
            .WithDescription("Returns the application and the proof of intake its channel gives: a talon (Committee, services 1–3), a marked application copy "
                + "(Committee, 4–6), a Centre receipt with six fields, or a portal notification with the date and time of the result. A Centre refuses intake "
                + "when a paragraph-11 document is missing (422 with its receipt). Send an Idempotency-Key header: a retry with the same key returns the first response.");

        g.MapGet("/{id:guid}", GetApplication.Handle).WithName("GetApplication")
            .WithSummary("An application with its status, version, deadline, refusal and protocol dates (never public)");

        g.MapPost("/{id:guid}/decision", DecideApplication.Handle).WithName("DecideApplication")
            .WithSummary("Issue the result document, or refuse on the service's grounds with an explanation (produces the reasoned refusal notice)")
            .WithDescription("Send If-Match with the application's version (from GetApplication's ETag) to guard against concurrent decisions, and an Idempotency-Key to make retries safe.");

        g.MapGet("/{id:guid}/refusal-notice", GetRefusalNotice.Handle).WithName("GetRefusalNotice")
            .WithSummary("The reasoned refusal notice as produced (number, date, service, grounds in the seed's words, signatory's role, how to complain) and its deliveries");

        g.MapPost("/{id:guid}/completeness-check", CompletenessCheck.Handle).WithName("CheckCompleteness")
            .WithSummary("Record the completeness check: complete, or documents missing (suspends consideration); an expired expert conclusion is flagged, not refused");

        g.MapPost("/{id:guid}/documents", SupplyDocuments.Handle).WithName("SupplyMissingDocuments")
            .WithSummary("Record that the missing documents arrived: consideration resumes and the deadline moves by the days suspended");

        g.MapPost("/{id:guid}/protocol-decision", RecordProtocolDecision.Handle).WithName("RecordProtocolDecision")
            .WithSummary("Accreditation: record the protocol decision; a reasoned refusal is due 5 working days after it");

        g.MapPost("/{id:guid}/handovers", RecordHandover.Handle).WithName("RecordHandover")
            .WithSummary("Record how the result, a paper print or the refusal notice reached the applicant (the ways the service offers for the channel)");

        g.MapPost("/{id:guid}/centre-storage", RecordCentreStorage.Handle).WithName("RecordCentreStorage")
            .WithSummary("Services 4–6: a result reached the Centre and waits (one month), or was sent on after its month");

        g.MapGet("/overdue", OverdueList.Handle).WithName("ListOverdue")
            .WithSummary("Accreditation refusals past their 5 working days, and results kept at a Centre past their month");

        g.MapPost("/electronic-requests/not-accepted", RefuseElectronicRequest.Handle).WithName("RefuseElectronicRequest")
            .WithSummary("Services 1–4: record that an electronic request was not accepted, on one of the seed's three grounds");
    }
}
