using Carter;
using Registry.Api.Infrastructure;

namespace Registry.Api.Features.Documents;

/// <summary>Officers act on issued documents: suspend, reinstate, revoke. Each change keeps its reason, effective date
/// and author in the document's history and reaches the public registry through the outbox.</summary>
public sealed class DocumentsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/documents/{number}").WithTags("Documents").RequireAuthorization(Policies.RecordDecisions);
        Map(g, "suspend", "SuspendDocument", "Suspend a valid document", Domain.Documents.DocumentAction.Suspend);
        Map(g, "reinstate", "ReinstateDocument", "Reinstate a suspended document", Domain.Documents.DocumentAction.Reinstate);
        Map(g, "revoke", "RevokeDocument", "Revoke a document for good", Domain.Documents.DocumentAction.Revoke);
    }

    static void Map(RouteGroupBuilder g, string path, string name, string summary, Domain.Documents.DocumentAction action) =>
        g.MapPost($"/{path}", (string number, ChangeDocumentStatus.Request request, HttpContext http, Npgsql.NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
                => ChangeDocumentStatus.Handle(action, number, request, http, dataSource, clock, ct))
            .WithName(name).WithSummary(summary)
            .WithDescription("Reason is required; effectiveOn defaults to today and may be earlier (paper records). Send If-Match with the document version and an Idempotency-Key.")
            .Produces<ChangeDocumentStatus.Response>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
