using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

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
/// A page whose every input is named by a key (renderedAs) is rendered and compressed once per key (RenderedPages).
/// </summary>
public sealed class HtmlPage<TPage>(Site site, object model, int statusCode = StatusCodes.Status200OK, bool cacheable = true, string? renderedAs = null) : IResult
    where TPage : IComponent
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var page = renderedAs is null
            ? RenderedPage.Of(Encoding.UTF8.GetBytes(await RenderAsync(http.RequestServices, site, model)), compress: false)
            : await http.RequestServices.GetRequiredService<RenderedPages>().GetOrRenderAsync($"{typeof(TPage).Name}|{renderedAs}",
                async () => Encoding.UTF8.GetBytes(await RenderAsync(http.RequestServices, site, model)));
        var response = http.Response;
        SecurityHeaders.Apply(response);
        response.Headers.ContentLanguage = site.Lang.Code;
        if (!cacheable)
        {
            response.Headers.CacheControl = "no-store";
        }
        else
        {
            response.Headers.ETag = page.ETag.ToString();
            response.Headers.CacheControl = "public, max-age=60";
            if (statusCode == StatusCodes.Status200OK && http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Tag == page.ETag.Tag || t.Equals(EntityTagHeaderValue.Any)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var (body, encoding) = page.For(http.Request);
        if (encoding is not null)
        {
            // Already compressed: the response compression middleware leaves a response with a Content-Encoding alone.
            response.Headers.ContentEncoding = encoding;
            response.Headers.Vary = HeaderNames.AcceptEncoding;
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
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

/// <summary>A page's bytes, with Brotli and gzip copies when it is kept for reuse. The ETag is weak: the same page in
/// any of its encodings.</summary>
public sealed record RenderedPage(byte[] Html, byte[]? Brotli, byte[]? Gzip, EntityTagHeaderValue ETag)
{
    public static RenderedPage Of(byte[] html, bool compress) => new(html,
        compress ? Compress(html, s => new BrotliStream(s, CompressionLevel.Optimal)) : null,
        compress ? Compress(html, s => new GZipStream(s, CompressionLevel.Optimal)) : null,
        new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(html), 0, 8)}\"", isWeak: true));

    public int Size => Html.Length + (Brotli?.Length ?? 0) + (Gzip?.Length ?? 0);

    /// <summary>The copy this client accepts (Brotli before gzip), or the plain bytes and no encoding.</summary>
    public (byte[] Body, string? Encoding) For(HttpRequest request)
    {
        if (Brotli is null || Gzip is null) return (Html, null);
        var accepted = request.GetTypedHeaders().AcceptEncoding.Where(e => e.Quality is null or > 0).Select(e => e.Value.Value).ToList();
        return accepted.Contains("br") ? (Brotli, "br") : accepted.Contains("gzip") ? (Gzip, "gzip") : (Html, null);
    }

    static byte[] Compress(byte[] bytes, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output)) stream.Write(bytes);
        return output.ToArray();
    }
}

/// <summary>Pages already rendered, by a key naming everything they were rendered from (for a document: language,
/// address, today, the document's version). Bounded by bytes; the least recently used go first.</summary>
public sealed class RenderedPages : IDisposable
{
    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 64 * 1024 * 1024 });

    public async Task<RenderedPage> GetOrRenderAsync(string key, Func<Task<byte[]>> render)
    {
        if (cache.TryGetValue(key, out RenderedPage? page)) return page!;
        page = RenderedPage.Of(await render(), compress: true);
        cache.Set(key, page, new MemoryCacheEntryOptions { Size = page.Size, SlidingExpiration = TimeSpan.FromHours(1) });
        return page;
    }

    public void Dispose() => cache.Dispose();
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
