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
    public const string Internal = Base + "internal";

    public static void Configure(ProblemDetailsOptions options) => options.CustomizeProblemDetails = context =>
    {
        var problem = context.ProblemDetails;
        problem.Type = problem.Status switch
        {
            400 => problem.Type is { } t && t.StartsWith(Base, StringComparison.Ordinal) ? t : Validation,
            401 => Unauthorized,
            403 => Forbidden,
            404 => problem.Type is { } t && t.StartsWith(Base, StringComparison.Ordinal) ? t : NotFound,
            409 => problem.Type is { } t && t.StartsWith(Base, StringComparison.Ordinal) ? t : Conflict,
            422 => problem.Type is { } t && t.StartsWith(Base, StringComparison.Ordinal) ? t : RuleViolation,
            429 => TooManyRequests,
            >= 500 => Internal,
            _ => problem.Type,
        };
        problem.Instance ??= context.HttpContext.Request.Path;
        var traceId = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity?.Id ?? context.HttpContext.TraceIdentifier;
        problem.Extensions.TryAdd("traceId", traceId);
    };

    public static IResult Problem(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);
}
