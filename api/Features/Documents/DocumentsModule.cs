using Carter;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Documents;

/// <summary>Officers act on issued documents: suspend, reinstate, revoke.</summary>
public sealed class DocumentsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/documents/{number}").WithTags("Documents").RequireOfficer(Policies.RecordDecisions);
        Map(g, "suspend", "SuspendDocument", "Suspend a valid document", DocumentAction.Suspend);
        Map(g, "reinstate", "ReinstateDocument", "Reinstate a suspended document", DocumentAction.Reinstate);
        Map(g, "revoke", "RevokeDocument", "Revoke a document for good", DocumentAction.Revoke);
    }

    static void Map(RouteGroupBuilder g, string path, string name, string summary, DocumentAction action) =>
        g.MapPost($"/{path}", (string number, ChangeDocumentStatus.Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
                => ChangeDocumentStatus.Handle(action, number, request, http, dataSource, clock, ct))
            .WithName(name).WithSummary(summary)
            .WithDescription("Reason is required; effectiveOn defaults to today and may be earlier (paper records). Send If-Match with the document version and an Idempotency-Key.");
}
