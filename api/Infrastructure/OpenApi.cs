using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Registry.Api.Features.Webhooks;
using Registry.Projections.Public;
using Registry.Projections.Queries;
using Registry.Api.Infrastructure.OpenApiContract;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Registry.Api.Infrastructure;

/// <summary>The OpenAPI document third parties generate clients from: stable operationIds, enums as strings, the
/// bearer scheme on every write.</summary>
public static class OpenApi
{
    public static void AddRegistryOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Registry of industrial and fire safety documents",
                Version = "v1",
                Description = "Public registry of the six state services of Kazakhstan's Ministry of Emergency Situations: attestations, permits, "
                    + "declaration registrations, accreditation certificates, fire-equipment conclusions and standard agreements. "
                    + "Reads are anonymous; writes need an officer's bearer token.",
            });
            o.SupportNonNullableReferenceTypes();
            o.AddSecurityDefinition(OfficerAuthentication.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An officer's token. In development `make run` writes one to .local/dev-officer.token.",
            });
            o.AddSecurityDefinition(ApiKeyAuthentication.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthentication.Header,
                Description = "A third party's API key for webhook subscriptions, issued by an officer (IssueWebhookClientKey).",
            });
            o.OperationFilter<BearerOnAuthorizedOperations>();
            o.OperationFilter<ParameterExamples>();
            o.OperationFilter<OperationContract>();
            o.SchemaFilter<SchemaContract>();
            o.SchemaFilter<SchemaExamples>();
            o.DocumentFilter<TagDescriptions>();
            o.CustomSchemaIds(SchemaIds.For);
        });
    }

    public static void UseRegistryOpenApi(this WebApplication app)
    {
        // Clients generated from the document call the host that served it.
        app.UseSwagger(o =>
        {
            // 3.1: a field that may be null says so even when it is an object (oneOf null or the schema).
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            o.PreSerializeFilters.Add((document, request) =>
                document.Servers = [new OpenApiServer { Url = $"{request.Scheme}://{request.Host.Value}" }]);
        });
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "Registry v1");
            o.DocumentTitle = "Registry API";
        });
    }

    sealed class BearerOnAuthorizedOperations : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [new OpenApiSecurityRequirement()]; // explicitly anonymous
                return;
            }
            var scheme = metadata.OfType<IAuthorizeData>().Any(a => a.Policy == ApiKeyAuthentication.Policy) ? ApiKeyAuthentication.Scheme : OfficerAuthentication.Scheme;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] }];
        }
    }

    sealed class TagDescriptions : IDocumentFilter
    {
        static readonly Dictionary<string, string> Descriptions = new()
        {
            ["Verification"] = "Inspectors' lookups: is this document valid on a date, and does it cover an activity or product. Anonymous.",
            ["Registry"] = "Public search of issued documents and their details with status history. Anonymous.",
            ["Organisations"] = "An organisation by BIN, with former names and every public document it holds. Anonymous.",
            ["Changes"] = "An ordered feed of document changes for mirroring the registry. Anonymous.",
            ["Services"] = "The six state services: who may apply, documents, deadlines, where to apply. Anonymous.",
            ["Centres"] = "Public Service Centres (annex 1 of the decree) where applications are handed in. Anonymous.",
            ["Calendar"] = "Deadline computations on Kazakhstan's working-day calendar. Anonymous.",
            ["Applications"] = "Officers record applications, completeness checks, missing documents and decisions. Bearer token.",
            ["Documents"] = "Officers suspend, reinstate and revoke issued documents. Bearer token.",
            ["Admin"] = "Administrators run the deemed-decision sweep and the open-data export on demand. Bearer token.",
            ["Open data"] = "The whole public registry as files: CSV and JSON Lines (gzip), a Frictionless datapackage.json and SHA256SUMS. Anonymous.",
            ["Webhooks"] = "Officers register third parties and issue their API keys (bearer token); third parties subscribe to document changes (X-Api-Key).",
            ["Quality"] = "Quality indicators per service and period, JSON or CSV (anonymous); officers enter paper survey results (bearer token).",
            ["Complaints"] = "Officers take in written complaints, hand the talon and record the review and answer (bearer token); "
                + "the applicant looks up the status by talon number and access code (anonymous).",
            ["Health"] = "Probes for the platform: liveness and readiness. Anonymous, not rate-limited.",
        };

        public void Apply(OpenApiDocument document, DocumentFilterContext context) =>
            document.Tags = new HashSet<OpenApiTag>(Descriptions.Select(d => new OpenApiTag { Name = d.Key, Description = d.Value }));
    }

    /// <summary>Values that work against the demo data of `make run`.</summary>
    sealed class ParameterExamples : IOperationFilter
    {
        static readonly Dictionary<string, string> Examples = new(StringComparer.OrdinalIgnoreCase)
        {
            ["number"] = "ATT-2026-000001",
            ["q"] = "Қарағанды",
            ["bin"] = "010840020183",
            ["kind"] = "attestation",
            ["status"] = "valid",
            ["region"] = "Ақтөбе облысы",
            ["asOf"] = "2026-11-25",
            ["service"] = "attestation",
            ["submittedOn"] = "2026-03-19",
        };

        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                if (parameter.Name is not null && Examples.TryGetValue(parameter.Name, out var example))
                    parameter.Example = JsonValue.Create(example);
        }
    }

    sealed class SchemaExamples : ISchemaFilter
    {
        static readonly Dictionary<Type, string> Examples = new()
        {
            [typeof(VerificationResult)] = """
                {"number":"ATT-2026-000001","kind":"attestation","status":"valid","valid":true,"asOf":"2026-11-25","statusOnDate":"valid",
                 "holder":{"name":"АО «Ертіс Химия Сервис 779»","identifier":"130540003602","identifierKind":"bin","type":"legal-entity","region":"Шығыс Қазақстан облысы","formerNames":[]},
                 "issuedOn":"2026-01-02","validUntil":null,"deemed":false,"restriction":null,"covers":null}
                """,
            [typeof(SearchPage)] = """
                {"items":[{"kind":"attestation","number":"ATT-2026-000001","status":"valid","issuedOn":"2026-01-02","validUntil":null,
                 "holderName":"АО «Ертіс Химия Сервис 779»","holderFormerNames":[],"holderIdentifier":"130540003602","region":"Шығыс Қазақстан облысы","match":"all-words"}],
                 "total":1,"totalRelation":"eq","nextCursor":null,
                 "facets":{"exact":true,"kind":[{"value":"attestation","count":1}],"status":[{"value":"valid","count":1}],"region":[{"value":"Шығыс Қазақстан облысы","count":1}]}}
                """,
            [typeof(ProblemDetails)] = $$"""
                {"type":"{{ProblemTypes.NotFound}}","title":"No such document","status":404,
                 "detail":"No document numbered 'ATT-2026-999999' is in the public registry.","instance":"/api/v1/verify/ATT-2026-999999"}
                """,
            [typeof(HttpValidationProblemDetails)] = $$$"""
                {"type":"{{{ProblemTypes.Validation}}}","title":"The request is not valid","status":400,
                 "errors":{"issuedFrom":["Use the date format YYYY-MM-DD."]}}
                """,
        };

        public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
        {
            if (schema is OpenApiSchema concrete && Examples.TryGetValue(context.Type, out var example)) concrete.Examples = [JsonNode.Parse(example)!];
        }
    }
}
