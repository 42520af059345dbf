using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
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
        if (page.IsBrotli) response.Headers.Vary = HeaderNames.AcceptEncoding;
        // Already compressed: the response compression middleware leaves a response with a Content-Encoding alone.
        if (encoding is not null) response.Headers.ContentEncoding = encoding;
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

/// <summary>A page's bytes: plain when rendered for one answer, Brotli-compressed when kept for reuse (every current
/// browser accepts Brotli; any other client gets the plain bytes back, which the compression middleware may gzip). The
/// ETag is weak: the same page in any encoding.</summary>
public sealed record RenderedPage(byte[] Bytes, bool IsBrotli, EntityTagHeaderValue ETag)
{
    public static RenderedPage Of(byte[] html, bool compress) => new(compress ? Brotli(html) : html, compress, ETagOf(html));

    /// <summary>The Brotli bytes for a client that accepts them, otherwise the plain page.</summary>
    public (byte[] Body, string? Encoding) For(HttpRequest request)
    {
        if (!IsBrotli) return (Bytes, null);
        if (request.GetTypedHeaders().AcceptEncoding.Any(e => e.Value == "br" && e.Quality is null or > 0)) return (Bytes, "br");
        using var plain = new MemoryStream();
        using (var brotli = new BrotliStream(new MemoryStream(Bytes), CompressionMode.Decompress)) brotli.CopyTo(plain);
        return (plain.ToArray(), null);
    }

    static EntityTagHeaderValue ETagOf(byte[] html) => new($"\"{Convert.ToHexStringLower(SHA256.HashData(html), 0, 8)}\"", isWeak: true);

    static byte[] Brotli(byte[] bytes)
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

    public async Task<RenderedPage> GetOrRenderAsync(string key, Func<Task<byte[]>> render)
    {
        if (cache.TryGetValue(key, out RenderedPage? page)) return page!;
        page = RenderedPage.Of(await render(), compress: true);
        cache.Set(key, page, new MemoryCacheEntryOptions { Size = page.Bytes.Length, SlidingExpiration = TimeSpan.FromHours(1) });
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
