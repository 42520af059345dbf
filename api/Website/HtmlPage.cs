using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace Registry.Api.Website;

/// <summary>A base for pages: every page gets the request's Site and its own model, and nothing else.</summary>
public abstract class PageBase<TModel> : ComponentBase
{
    [Parameter, EditorRequired] public Site Site { get; set; } = default!;

    [Parameter, EditorRequired] public TModel Model { get; set; } = default!;

    protected string T(Registry.Domain.Services.Text text) => Site.T(text);
}

/// <summary>
/// Renders a page component to HTML on the server (static rendering: no circuit, no framework script), then answers
/// with an ETag of the bytes, so a revalidation gets 304 and a change of data or of the site's templates gets new bytes.
/// </summary>
public sealed class HtmlPage<TPage>(Site site, object model, int statusCode = StatusCodes.Status200OK, bool cacheable = true) : IResult
    where TPage : IComponent
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var html = await RenderAsync(http.RequestServices, site, model);
        var bytes = Encoding.UTF8.GetBytes(html);
        var response = http.Response;
        SecurityHeaders.Apply(response);
        response.Headers.ContentLanguage = site.Lang.Code;
        if (!cacheable)
        {
            response.Headers.CacheControl = "no-store";
        }
        else
        {
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 8)}\"";
            response.Headers.ETag = etag;
            response.Headers.CacheControl = "public, max-age=60";
            string? ifNoneMatch = http.Request.Headers.IfNoneMatch;
            if (statusCode == StatusCodes.Status200OK && ifNoneMatch is not null && ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    public static async Task<string> RenderAsync(IServiceProvider services, Site site, object model)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(PageBase<object>.Site)] = site,
                [nameof(PageBase<object>.Model)] = model,
            }));
            return output.ToHtmlString();
        });
    }
}

/// <summary>Headers on every website response: scripts and styles only from the site's own files (no inline code at all),
/// no framing, no sniffing.</summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
    }
}
