using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Timeouts;
using Npgsql;

namespace Registry.Api.Infrastructure;

/// <summary>How long a request may wait for the database before the client is told to come back later.</summary>
public sealed class RequestTimeoutOptions
{
    /// <summary>Reads: an inspector on site would rather retry than stare at a spinner.</summary>
    public TimeSpan Reads { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Writes: a decision may queue on its kind's number counter; a timed-out write rolls back, and a retry
    /// with the same Idempotency-Key is safe either way.</summary>
    public TimeSpan Writes { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// A database that is stopped, unreachable or frozen is an outage, not a bug: every request answers 503 with
/// Retry-After within its time-out (Timeouts:Reads, Timeouts:Writes), and answers normally again as soon as the
/// database does — no restart. Values PostgreSQL refuses to store (a data exception) are the client's input: 400.
/// </summary>
public static class Outages
{
    public const string WritePolicy = "writes";

    public static void AddOutageHandling(this WebApplicationBuilder builder)
    {
        var timeouts = builder.Configuration.GetSection("Timeouts").Get<RequestTimeoutOptions>() ?? new RequestTimeoutOptions();
        builder.Services.AddExceptionHandler<OutageExceptionHandler>();
        builder.Services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = Policy(timeouts.Reads);
            o.AddPolicy(WritePolicy, Policy(timeouts.Writes));
        });
    }

    static RequestTimeoutPolicy Policy(TimeSpan timeout) => new()
    {
        Timeout = timeout,
        TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
        WriteTimeoutResponse = http => WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Service unavailable",
            $"The registry's database did not answer within {timeout.TotalSeconds:0.#} s. Retry after {ProblemTypes.RetryAfterSeconds} s."),
    };

    /// <summary>The status an exception stands for when it is not a bug: 503 for an unavailable database (or search
    /// cluster), 400 for a value PostgreSQL cannot store; null for anything else.</summary>
    public static int? StatusFor(Exception e) => e switch
    {
        PostgresException p when p.SqlState.StartsWith("22", StringComparison.Ordinal) => StatusCodes.Status400BadRequest,
        PostgresException p when IsUnavailable(p.SqlState) => StatusCodes.Status503ServiceUnavailable,
        PostgresException => null,
        NpgsqlException or TimeoutException or SocketException or Elastic.Transport.TransportException => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException b => b.StatusCode,
        _ when e.InnerException is { } inner => StatusFor(inner),
        _ => null,
    };

    /// <summary>Connection exceptions (08), insufficient resources (53: too many connections, disk full), operator
    /// intervention (57P01–57P05: shutdown, crash recovery, cannot connect now).</summary>
    static bool IsUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("53", StringComparison.Ordinal) || sqlState.StartsWith("57P0", StringComparison.Ordinal);

    static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    sealed class OutageExceptionHandler(ILogger<OutageExceptionHandler> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (StatusFor(exception) is not { } status) return false;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                logger.LogWarning("{Method} {Path}: database unavailable ({Error})", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
                await WriteAsync(http, status, "Service unavailable", $"The registry's database is unavailable. Retry after {ProblemTypes.RetryAfterSeconds} s.");
            }
            else
            {
                logger.LogInformation("{Method} {Path}: input refused by the database ({Error})", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
                await WriteAsync(http, status, "The request is not valid", "A value in the request cannot be stored or compared (check dates, numbers and text).");
            }
            return true;
        }
    }
}
