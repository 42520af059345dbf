using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Registry.Api.WriteModel;

namespace Registry.Api.Infrastructure.Results;

/// <summary>A command on an existing application or document: 200 with <typeparamref name="TResponse"/>, or a problem —
/// 404 (no such record), 409 (stale version, step not allowed, concurrent change), 422 (a rule refuses it).</summary>
public sealed class CommandResult<TResponse>(CommandReply reply) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => CommandReplies.WriteAsync(reply, httpContext);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        CommandReplies.Declare(builder, StatusCodes.Status200OK, typeof(TResponse), StatusCodes.Status404NotFound);
}

static class CommandReplies
{
    public static Task WriteAsync(CommandReply reply, HttpContext http)
    {
        if (reply.Problem is { } problem)
            return ProblemTypes.Problem(reply.StatusCode, problem.Type, problem.Title, problem.Detail, problem.Extensions).ExecuteAsync(http);
        if (reply.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        if (reply.Location is not null) http.Response.Headers.Location = reply.Location;
        var contentType = reply.Succeeded ? "application/json" : "application/problem+json";
        return Microsoft.AspNetCore.Http.Results.Text(reply.Body, contentType, Encoding.UTF8, reply.StatusCode).ExecuteAsync(http);
    }

    public static void Declare(EndpointBuilder builder, int success, Type response, params int[] extraProblems)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(success, response, ["application/json"]));
        foreach (var status in extraProblems.Concat([StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity]))
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
    }
}
