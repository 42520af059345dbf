using Microsoft.AspNetCore.Mvc;

namespace Registry.Api.Infrastructure.Results;

/// <summary>A ProblemDetails answer whose status is part of the handler's type, so the OpenAPI document lists it.</summary>
public abstract class ProblemResult(int status, string type, string title, string detail, IDictionary<string, object?>? extensions) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => ProblemTypes.Problem(status, type, title, detail, extensions).ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}
