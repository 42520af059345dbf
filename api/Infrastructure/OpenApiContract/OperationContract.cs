using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Registry.Api.Infrastructure.Results;
using Registry.Api.WriteModel;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Registry.Api.Infrastructure.OpenApiContract;

/// <summary>
/// What every operation may answer and which headers it reads and writes, derived from the handler's result types so
/// a new endpoint is described the same way: CommandResult → If-Match and Idempotency-Key, CreationResult →
/// Idempotency-Key and Location, NotModified → If-None-Match and ETag; 401 → WWW-Authenticate; 429 and 503 →
/// Retry-After; 400 wherever there is input (the input guard); 503 wherever the database is involved; a problem+json
/// <c>default</c> for the rest (413, 415, 405…).
/// </summary>
sealed class OperationContract : IOperationFilter
{
    const string Problem = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var results = ResultTypes(context.MethodInfo.ReturnType).ToHashSet();
        operation.Parameters ??= [];
        operation.Responses ??= [];
        var isCommand = results.Contains(typeof(CommandResult<>));
        var isCreation = results.Contains(typeof(CreationResult<>));
        if (isCommand)
            AddHeader(operation, "If-Match", "The version you last read — the ETag of GetApplication or GetDocument, e.g. \"3\" (W/\"3\" too). A stale version gets 409; without it the change is not guarded.", "\"1\"");
        if (isCommand || isCreation)
            AddHeader(operation, Commands.IdempotencyHeader, "Any unique text up to 200 characters (a UUID). A retry with the same key returns the first response, byte for byte; the same key with a different request gets 422.", "6f1c2b8e-4d2a-4c1e-9a57-2f0b9d1e7c11");
        if (results.Contains(typeof(NotModified)))
            AddHeader(operation, "If-None-Match", "An ETag this operation returned earlier: 304 without a body while it still holds.", null);

        var hasInput = operation.Parameters.Count > 0 || operation.RequestBody is not null;
        if (hasInput && !operation.Responses.ContainsKey("400")) operation.Responses["400"] = ProblemResponse("The request is not valid: see errors.", context, typeof(HttpValidationProblemDetails));
        if (context.ApiDescription.RelativePath?.StartsWith("health/live", StringComparison.Ordinal) != true && !operation.Responses.ContainsKey("503"))
            operation.Responses["503"] = ProblemResponse("The database is unavailable or did not answer in time; retry after Retry-After seconds.", context, typeof(ProblemDetails));
        operation.Responses["default"] = ProblemResponse("Any other error (e.g. 405, 413 body over 1 MB, 415 not JSON), as a problem with a registry type.", context, typeof(ProblemDetails));

        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete) continue;
            switch (status)
            {
                case "200" when results.Contains(typeof(NotModified)):
                    Header(concrete, "ETag", "The version (\"3\") of a versioned record, or an opaque tag of a computed answer; send it as If-None-Match to revalidate.");
                    Header(concrete, "Cache-Control", "How long the answer may be reused.");
                    break;
                case "304":
                    Header(concrete, "ETag", "The tag the client already holds.");
                    concrete.Content = null;
                    break;
                case "201" when isCreation:
                    Header(concrete, "Location", "The URL of what was created.");
                    Header(concrete, "Idempotent-Replayed", "\"true\" when this is the stored first response to a retried Idempotency-Key.");
                    break;
                case "200" when isCommand:
                    Header(concrete, "Idempotent-Replayed", "\"true\" when this is the stored first response to a retried Idempotency-Key.");
                    break;
                case "401":
                    Header(concrete, "WWW-Authenticate", "Bearer realm=\"registry\" (with error=\"invalid_token\" when a token was sent but not accepted).");
                    break;
                case "429" or "503":
                    Header(concrete, "Retry-After", "Seconds to wait before retrying.", JsonSchemaType.Integer);
                    break;
            }
        }

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
            if (parameter.Schema is OpenApiSchema schema && parameter.Name is { } name && ContractVocabulary.ParameterEnum(operation.OperationId ?? "", name) is { } values)
                schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)];

        if (operation.RequestBody is OpenApiRequestBody body && body.Content is { } content
            && context.ApiDescription.ParameterDescriptions.FirstOrDefault(p => p.Source.Id == "Body")?.Type is { } bodyType
            && RequestExamples.For(bodyType) is { } example)
            foreach (var media in content.Values.OfType<OpenApiMediaType>()) media.Example = JsonNode.Parse(example);
    }

    static IEnumerable<Type> ResultTypes(Type type)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        yield return definition;
        if (!type.IsGenericType) yield break;
        foreach (var argument in type.GetGenericArguments())
            foreach (var inner in ResultTypes(argument)) yield return inner;
    }

    static void AddHeader(OpenApiOperation operation, string name, string description, string? example)
    {
        if (operation.Parameters!.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))) return;
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name, In = ParameterLocation.Header, Required = false, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
            Example = example is null ? null : JsonValue.Create(example),
        });
    }

    static void Header(OpenApiResponse response, string name, string description, JsonSchemaType type = JsonSchemaType.String)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    static OpenApiResponse ProblemResponse(string description, OperationFilterContext context, Type problem) => new()
    {
        Description = description,
        Content = new Dictionary<string, IOpenApiMediaType>
        {
            [Problem] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(problem, context.SchemaRepository) },
        },
    };
}
