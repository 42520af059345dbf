using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
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
        if (renderedAs is not null)
        {
            var page = await http.RequestServices.GetRequiredService<RenderedPages>().GetOrRenderAsync($"{typeof(TPage).Name}|{renderedAs}",
                async () =>
                {
                    using var html = await RenderAsync(http.RequestServices, site, model);
                    return RenderedPage.Compressed(html.ToMemory().Span);
                });
            var (body, encoding) = page.For(http.Request);
            await AnswerAsync(http, page.ETag, body, encoding, variesByEncoding: true);
            return;
        }
        using var rendered = await RenderAsync(http.RequestServices, site, model);
        var bytes = rendered.ToMemory();
        await AnswerAsync(http, RenderedPage.ETagOf(bytes.Span), bytes, encoding: null, variesByEncoding: false);
    }

    async Task AnswerAsync(HttpContext http, EntityTagHeaderValue etag, ReadOnlyMemory<byte> body, string? encoding, bool variesByEncoding)
    {
        var response = http.Response;
        SecurityHeaders.Apply(response);
        response.Headers.ContentLanguage = site.Lang.Code;
        if (!cacheable)
        {
            response.Headers.CacheControl = "no-store";
        }
        else
        {
            response.Headers.ETag = etag.ToString();
            response.Headers.CacheControl = "public, max-age=60";
            if (statusCode == StatusCodes.Status200OK && http.Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Tag == etag.Tag || t.Equals(EntityTagHeaderValue.Any)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        if (variesByEncoding) response.Headers.Vary = HeaderNames.AcceptEncoding;
        // Already compressed: the response compression middleware leaves a response with a Content-Encoding alone.
        if (encoding is not null) response.Headers.ContentEncoding = encoding;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    /// <summary>The page as UTF-8 in pooled memory: dispose it once the bytes are written or copied.</summary>
    public static async Task<PooledUtf8Writer> RenderAsync(IServiceProvider services, Site site, object model)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var html = new PooledUtf8Writer();
        try
        {
            await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<TPage>(ParameterView.FromDictionary(new Dictionary<string, object?>
                {
                    [nameof(PageBase<object>.Site)] = site,
                    [nameof(PageBase<object>.Model)] = model,
                }));
                output.WriteHtmlTo(html);
            });
            return html;
        }
        catch
        {
            html.Dispose();
            throw;
        }
    }
}

/// <summary>A page kept for reuse: Brotli-compressed (every current browser accepts Brotli; any other client gets the
/// plain bytes back, which the compression middleware may gzip). The ETag is weak: the same page in any encoding.</summary>
public sealed record RenderedPage(byte[] Brotli, EntityTagHeaderValue ETag)
{
    public static RenderedPage Compressed(ReadOnlySpan<byte> html) => new(Compress(html), ETagOf(html));

    /// <summary>The Brotli bytes for a client that accepts them, otherwise the plain page.</summary>
    public (byte[] Body, string? Encoding) For(HttpRequest request)
    {
        if (request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value == "br" && e.Quality is null or > 0)) return (Brotli, "br");
        using var plain = new MemoryStream();
        using (var brotli = new BrotliStream(new MemoryStream(Brotli), CompressionMode.Decompress)) brotli.CopyTo(plain);
        return (plain.ToArray(), null);
    }

    public static EntityTagHeaderValue ETagOf(ReadOnlySpan<byte> html) => new($"\"{Convert.ToHexStringLower(SHA256.HashData(html), 0, 8)}\"", isWeak: true);

    static byte[] Compress(ReadOnlySpan<byte> bytes)
    {
        using var output = new MemoryStream();
        using (var stream = new BrotliStream(output, CompressionLevel.Optimal)) stream.Write(bytes);
        return output.ToArray();
    }
}

/// <summary>Pages already rendered, by a key naming everything they were rendered from (for a document: language,
/// address, today, the document's version). Bounded by bytes; the least recently used go first.</summary>
public sealed class RenderedPages(IOptions<WebsiteOptions> options) : IDisposable
{
    readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxRenderedPageMegabytes * 1024L * 1024 });

    public async Task<RenderedPage> GetOrRenderAsync(string key, Func<Task<RenderedPage>> render)
    {
        if (cache.TryGetValue(key, out RenderedPage? page)) return page!;
        page = await render();
        cache.Set(key, page, new MemoryCacheEntryOptions { Size = page.Brotli.Length, SlidingExpiration = TimeSpan.FromHours(1) });
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
