using Carter;
using Npgsql;
using Registry.Api.Infrastructure;
using Registry.Domain.Documents;

namespace Registry.Api.Features.Documents;

/// <summary>Officers act on issued documents: suspend, reinstate, revoke; duplicates of lost or damaged results (services 4–6).</summary>
public sealed class DocumentsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/documents/{number}").WithTags("Documents").RequireOfficer(Policies.RecordDecisions);
        Map(g, "suspend", "SuspendDocument", "Suspend a valid document", DocumentAction.Suspend);
        Map(g, "reinstate", "ReinstateDocument", "Reinstate a suspended document", DocumentAction.Reinstate);
        Map(g, "revoke", "RevokeDocument", "Revoke a document for good", DocumentAction.Revoke);

        g.MapPost("/duplicates", DocumentDuplicates.RecordRequest).WithName("RequestDuplicate")
            .WithSummary("Services 4–6: record a complete request for a duplicate of a lost or damaged result; due 10 working days later");
        g.MapPost("/duplicates/{ordinal:int}/issue", DocumentDuplicates.Issue).WithName("IssueDuplicate")
            .WithSummary("Issue a requested duplicate (in person or by post); the public record shows the day a duplicate was issued")
            .WithDescription("Send If-Match with the document version and an Idempotency-Key.");
    }

    static void Map(RouteGroupBuilder g, string path, string name, string summary, DocumentAction action) =>
        g.MapPost($"/{path}", (string number, ChangeDocumentStatus.Request request, HttpContext http, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken ct)
                => ChangeDocumentStatus.Handle(action, number, request, http, dataSource, clock, ct))
            .WithName(name).WithSummary(summary)
            .WithDescription("publicReason is published with the status change (short; no names, phones or IINs); internalNote is kept for officers and never "
                + "published. effectiveOn defaults to today and may be earlier (paper records). Send If-Match with the document version and an Idempotency-Key.");
}
