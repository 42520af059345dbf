using Microsoft.AspNetCore.Http.Features;

namespace Registry.Api.Infrastructure;

/// <summary>Stable ProblemDetails <c>type</c> URIs: clients switch on these, never on titles.</summary>
public static class ProblemTypes
{
    const string Base = "https://registry.emergency.gov.kz/problems/";
    public const string Validation = Base + "validation";
    public const string NotFound = Base + "not-found";
    public const string Conflict = Base + "conflict";
    public const string RuleViolation = Base + "rule-violation";
    public const string IdempotencyMismatch = Base + "idempotency-key-reused";
    public const string IntakeRefused = Base + "intake-refused";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string TooManyRequests = Base + "too-many-requests";
    public const string Unavailable = Base + "unavailable";
    public const string TooLarge = Base + "too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Internal = Base + "internal";

    /// <summary>Seconds a client should wait before retrying a 503.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Every problem the API writes — from a handler, a filter, the exception handler, the status-code pages or
    /// Kestrel's body limits — carries a registry <c>type</c>: a type already set by the registry is kept, anything else
    /// (ASP.NET Core's RFC links) is replaced by the one for its status. A 503 always says when to retry.</summary>
    public static void Configure(ProblemDetailsOptions options) => options.CustomizeProblemDetails = context =>
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is not { } type || !type.StartsWith(Base, StringComparison.Ordinal)) problem.Type = ForStatus(status);
        problem.Instance ??= context.HttpContext.Request.Path;
        var traceId = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity?.Id ?? context.HttpContext.TraceIdentifier;
        problem.Extensions.TryAdd("traceId", traceId);
        if (status == StatusCodes.Status503ServiceUnavailable && !context.HttpContext.Response.HasStarted)
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    };

    public static string ForStatus(int status) => status switch
    {
        400 => Validation,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => TooLarge,
        415 => UnsupportedMediaType,
        422 => RuleViolation,
        429 => TooManyRequests,
        503 => Unavailable,
        >= 500 => Internal,
        _ => $"{Base}http-{status}",
    };

    public static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);
}
