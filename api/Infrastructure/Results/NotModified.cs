using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Registry.Api.Infrastructure.Results;

/// <summary>304: the client's copy (If-None-Match) is current; no body.</summary>
public sealed class NotModified : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
}
