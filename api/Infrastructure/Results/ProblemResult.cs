using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Registry.Api.Infrastructure.Results;

/// <summary>A ProblemDetails answer whose status is part of the handler's type, so the OpenAPI document lists it.</summary>
public abstract class ProblemResult(int status, string type, string title, string detail, IDictionary<string, object?>? extensions) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => ProblemTypes.Problem(status, type, title, detail, extensions).ExecuteAsync(httpContext);

    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

/// <summary>404: the thing asked for is not in the registry.</summary>
public sealed class NotFoundProblem(string title, string detail)
    : ProblemResult(StatusCodes.Status404NotFound, ProblemTypes.NotFound, title, detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}

/// <summary>422: the request is well-formed but a rule of the service refuses it.</summary>
public sealed class RuleViolationProblem(string title, string detail, string type = ProblemTypes.RuleViolation)
    : ProblemResult(StatusCodes.Status422UnprocessableEntity, type, title, detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}
