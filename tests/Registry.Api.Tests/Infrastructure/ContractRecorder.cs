using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>
/// Records every error answer (status ≥ 400) the API gives during the suite — request and response, byte for byte — to
/// $REGISTRY_CONTRACT_CASES/cases.jsonl. scripts/checks/contract.sh then replays each through Prism against the OpenAPI
/// document, so every error case any test provokes, in any endpoint added later, is held to the contract.
/// Off unless the variable is set (make test sets it); a fixture opts out with <c>Contract:Record=false</c>.
/// </summary>
public sealed class ContractRecorder(string directory) : IStartupFilter
{
    public const string Variable = "REGISTRY_CONTRACT_CASES";
    static readonly Lock Gate = new();
    static readonly string[] RequestHeaders = ["Content-Type", "Authorization", "If-Match", "If-None-Match", "Idempotency-Key", "Accept"];
    static readonly string[] ResponseHeaders = ["Content-Type", "Location", "ETag", "Retry-After", "WWW-Authenticate", "Cache-Control", "Idempotent-Replayed"];

    public static string? Directory => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } d ? d : null;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    async Task RecordAsync(HttpContext http, RequestDelegate next)
    {
        http.Request.EnableBuffering();
        var requestBody = await new StreamReader(http.Request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
        http.Request.Body.Position = 0;
        var original = http.Response.Body;
        using var copy = new MemoryStream();
        http.Response.Body = copy;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
            copy.Position = 0;
            await copy.CopyToAsync(original);
        }
        if (http.Response.StatusCode < 400) return;
        var line = JsonSerializer.Serialize(new
        {
            method = http.Request.Method,
            path = http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent(),
            requestHeaders = Pick(http.Request.Headers, RequestHeaders),
            requestBody,
            status = http.Response.StatusCode,
            responseHeaders = Pick(http.Response.Headers, ResponseHeaders),
            responseBody = Encoding.UTF8.GetString(copy.ToArray()),
        });
        lock (Gate) File.AppendAllText(Path.Combine(directory, "cases.jsonl"), line + "\n");
    }

    static Dictionary<string, string> Pick(IHeaderDictionary headers, string[] names) =>
        names.Where(n => headers.ContainsKey(n)).ToDictionary(n => n, n => headers[n].ToString());
}
