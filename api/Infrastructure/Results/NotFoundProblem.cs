using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Registry.Api.Infrastructure.Results;

/// <summary>404: the thing asked for is not in the registry.</summary>
public sealed class NotFoundProblem(string title, string detail)
    : ProblemResult(StatusCodes.Status404NotFound, ProblemTypes.NotFound, title, detail, null), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}
