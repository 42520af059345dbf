using System.Collections.Frozen;
using System.Security.Cryptography;
using Carter;
using Microsoft.AspNetCore.Http.HttpResults;
using Registry.Api.Infrastructure.Results;

namespace Registry.Api.Features.Proofs;

/// <summary>
/// "Check a QR code": a self-contained static page, script, style sheet and service worker, embedded in the API
/// assembly and served under /check/. No inline script or style, so the page runs under a CSP without 'unsafe-inline'.
/// </summary>
public sealed class CheckPageModule : ICarterModule
{
    const string Csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
        + "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static readonly FrozenDictionary<string, Asset> Assets = new Dictionary<string, Asset>
    {
        [""] = Asset.Load("index.html", "text/html; charset=utf-8"),
        ["check.js"] = Asset.Load("check.js", "text/javascript; charset=utf-8"),
        ["check.css"] = Asset.Load("check.css", "text/css; charset=utf-8"),
        ["sw.js"] = Asset.Load("sw.js", "text/javascript; charset=utf-8"),
    }.ToFrozenDictionary();

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/check/{file?}", Serve).AllowAnonymous().ExcludeFromDescription(); // "/check" and "/check/" both give the page
    }

    static Results<FileContentHttpResult, NotModified, NotFound> Serve(string? file, HttpContext http)
    {
        if (!Assets.TryGetValue(file ?? "", out var asset)) return TypedResults.NotFound();
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Csp;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Revalidate on every online visit so a new version reaches the offline cache; 304 keeps that cheap.
        headers.CacheControl = "no-cache";
        // The worker also serves /d/{number} offline, outside its own folder.
        if (file == "sw.js") headers["Service-Worker-Allowed"] = "/";
        headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch == asset.ETag) return new NotModified();
        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    sealed record Asset(byte[] Content, string ContentType, string ETag)
    {
        public static Asset Load(string name, string contentType)
        {
            using var stream = typeof(CheckPageModule).Assembly.GetManifestResourceStream($"check/{name}")
                ?? throw new InvalidOperationException($"The check page asset {name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var content = copy.ToArray();
            return new Asset(content, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(content), 0, 8)}\"");
        }
    }
}
