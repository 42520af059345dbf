using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Registry.Api.Infrastructure.Results;

/// <summary>200 with a <typeparamref name="T"/> already written as UTF-8 JSON (a cached search page): sent as it is, and
/// declared in OpenAPI as <typeparamref name="T"/>.</summary>
public sealed class JsonBody<T>(byte[] utf8Json) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = utf8Json.Length;
        await response.Body.WriteAsync(utf8Json, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
