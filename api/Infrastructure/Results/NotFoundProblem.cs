using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Registry.Api.Infrastructure.Results;

/// <summary>404: the thing asked for is not in the registry; extensions may say what the caller probably meant.</summary>
public sealed class NotFoundProblem(string title, string detail, IDictionary<string, object?>? extensions = null)
    : ProblemResult(StatusCodes.Status404NotFound, ProblemTypes.NotFound, title, detail, extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}
