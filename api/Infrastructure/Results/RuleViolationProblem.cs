using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Registry.Api.Infrastructure.Results;

/// <summary>422: understood, but a rule refuses it.</summary>
public sealed class RuleViolationProblem(string title, string detail)
    : ProblemResult(StatusCodes.Status422UnprocessableEntity, ProblemTypes.RuleViolation, title, detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status422UnprocessableEntity);
}

/// <summary>409: the same work is already under way or the state does not allow it now.</summary>
public sealed class ConflictProblem(string title, string detail)
    : ProblemResult(StatusCodes.Status409Conflict, ProblemTypes.Conflict, title, detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}
