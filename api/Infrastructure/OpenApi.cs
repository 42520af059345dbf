using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Registry.Api.Infrastructure;

/// <summary>The OpenAPI document third parties generate clients from: stable operationIds, enums as strings, the
/// bearer scheme on every write.</summary>
public static class OpenApi
{
    public static void AddRegistryOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
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
            o.OperationFilter<BearerOnAuthorizedOperations>();
            o.CustomSchemaIds(t => t.FullName!.Replace("Registry.", "", StringComparison.Ordinal).Replace("Api.Features.", "", StringComparison.Ordinal)
                .Replace("Projections.", "", StringComparison.Ordinal).Replace('+', '.'));
        });
    }

    public static void UseRegistryOpenApi(this WebApplication app)
    {
        app.UseSwagger();
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
            if (!metadata.OfType<IAuthorizeData>().Any() || metadata.OfType<IAllowAnonymous>().Any()) return;
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OfficerAuthentication.Scheme, context.Document)] = [] }];
        }
    }
}
