using Microsoft.AspNetCore.Http;

namespace Registry.Api.Infrastructure.OpenApiContract;

/// <summary>Schema names a generated client can use as class names: the type's own name, prefixed by its slice when
/// the name alone says nothing (SubmitApplication.Request → SubmitApplicationRequest).</summary>
public static class SchemaIds
{
    static readonly HashSet<string> Generic = ["Request", "Response", "Result"];

    public static string For(Type type)
    {
        if (type == typeof(HttpValidationProblemDetails)) return "ValidationProblemDetails";
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + string.Concat(type.GetGenericArguments().Select(For)) : type.Name;
        return type.DeclaringType is { } slice && Generic.Contains(name) ? slice.Name + name : name;
    }
}
