using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Infrastructure;

/// <summary>ETags for public lookups: a hash of what identifies the answer (document number and version, parameters),
/// so a client revalidating an unchanged document gets 304 without a body.</summary>
public static class Caching
{
    public const string PublicLookup = "public, max-age=60";

    /// <summary>Sets ETag and Cache-Control for the answer identified by <paramref name="identity"/>; true when the
    /// client's If-None-Match already names it.</summary>
    public static bool IsNotModified(HttpContext http, string identity)
    {
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0, 8)}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = PublicLookup;
        string? ifNoneMatch = http.Request.Headers.IfNoneMatch;
        return ifNoneMatch is not null && ifNoneMatch.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*");
    }
}
