using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Registry.Api.Website;

/// <summary>The site's own stylesheet, script and icon, embedded in the binary (the machines and many inspectors have no
/// internet, so nothing comes from a CDN). Links carry a hash of the content, so a file can be cached for a year.</summary>
public static class SiteAssets
{
    sealed record Asset(byte[] Bytes, string ContentType, string Hash);

    static readonly FrozenDictionary<string, Asset> All = Load();

    /// <summary>The link to an asset: its name and content hash.</summary>
    public static string Url(string name) => $"/assets/{name}?v={All[name].Hash}";

    public static IResult Serve(string name, string? v, HttpContext http)
    {
        if (!All.TryGetValue(name, out var asset)) return TypedResults.NotFound();
        SecurityHeaders.Apply(http.Response);
        var etag = $"\"{asset.Hash}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = v == asset.Hash ? "public, max-age=31536000, immutable" : "public, max-age=300";
        if (http.Request.Headers.IfNoneMatch == etag) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(SiteAssets).Assembly;
        var assets = new Dictionary<string, Asset>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Website/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            var name = resource["Website/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            assets[name] = new Asset(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes), 0, 6));
        }
        return assets.ToFrozenDictionary();
    }
}
