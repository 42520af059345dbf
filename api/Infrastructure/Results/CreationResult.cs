using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Registry.Api.WriteModel;

namespace Registry.Api.Infrastructure.Results;

/// <summary>A command that records something new: 201 with <typeparamref name="TResponse"/> and its Location, or a
/// problem — 409 (concurrent change), 422 (a rule refuses it).</summary>
public sealed class CreationResult<TResponse>(CommandReply reply) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => CommandReplies.WriteAsync(reply, httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        CommandReplies.Declare(builder, StatusCodes.Status201Created, typeof(TResponse));
}
