using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Registry.Api.Infrastructure.OpenApiContract;

/// <summary>
/// What a schema promises, read from the C# types: a property that is never null is <c>required</c>; one that may be
/// null says so (a nullable object becomes <c>oneOf: [null, $ref]</c>); every property is described; string fields
/// that carry a domain enum's slug list its values (<see cref="ContractVocabulary"/>).
/// </summary>
sealed class SchemaContract : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties) return;
        var schemaName = SchemaIds.For(context.Type);
        var members = context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), StringComparer.Ordinal);
        concrete.Required ??= new HashSet<string>();
        foreach (var (name, property) in properties.ToList())
        {
            if (!members.TryGetValue(name, out var member)) continue;
            var nullable = IsNullable(member);
            // A 400 from ASP.NET Core's own binding (a malformed date in the query) carries no errors map.
            if (!nullable && !(schemaName == "ValidationProblemDetails" && name == "errors")) concrete.Required.Add(name);
            var described = Describe(property, ContractVocabulary.Description(schemaName, name), nullable, ContractVocabulary.EnumFor(schemaName, name));
            properties[name] = described;
        }
    }

    // A context per member: NullabilityInfoContext is not safe to share between concurrent swagger.json requests.
    static bool IsNullable(PropertyInfo member) =>
        member.PropertyType.IsValueType
            ? Nullable.GetUnderlyingType(member.PropertyType) is not null
            : new NullabilityInfoContext().Create(member).ReadState != NullabilityState.NotNull;

    static IOpenApiSchema Describe(IOpenApiSchema property, string? description, bool nullable, IReadOnlyList<string>? values)
    {
        switch (property)
        {
            case OpenApiSchemaReference reference:
                // A $ref cannot carry its own description or nullability: wrap it.
                return new OpenApiSchema
                {
                    Description = description,
                    OneOf = nullable ? [new OpenApiSchema { Type = JsonSchemaType.Null }, reference] : null,
                    AllOf = nullable ? null : [reference],
                };
            case OpenApiSchema inline:
                inline.Description ??= description;
                if (nullable && inline.Type is { } type) inline.Type = type | JsonSchemaType.Null;
                if (values is not null && (inline.Type & JsonSchemaType.String) != 0)
                {
                    inline.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)];
                    if (nullable) inline.Enum.Add(null!);
                }
                else if (values is not null && inline.Items is OpenApiSchema items && (items.Type & JsonSchemaType.String) != 0)
                    items.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v)!)];
                return inline;
            default:
                return property;
        }
    }
}
