using System.Security.Cryptography;
using System.Text;

namespace Registry.Api.Infrastructure;

/// <summary>
/// ETags, one story: a versioned record (an application, a document) has its version as its ETag — "3" — which is
/// also what If-Match takes to change it; an answer computed from records (a verification for a day, an organisation's
/// profile) has a hash of what identifies it. Either way a client revalidating with If-None-Match gets 304 without a body.
/// </summary>
public static class Caching
{
    public const string PublicLookup = "public, max-age=60";

    /// <summary>Sets ETag and Cache-Control for the answer identified by <paramref name="identity"/>; true when the
    /// client's If-None-Match already names it.</summary>
    public static bool IsNotModified(HttpContext http, string identity) =>
        IsNotModified(http, $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)), 0, 8)}\"", PublicLookup);

    /// <summary>For a versioned record: its ETag is its version, the value If-Match takes.</summary>
    public static bool IsNotModified(HttpContext http, int version, string cacheControl) => IsNotModified(http, ExpectedVersion.ETag(version), cacheControl);

    static bool IsNotModified(HttpContext http, string etag, string cacheControl)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = cacheControl;
        string? ifNoneMatch = http.Request.Headers.IfNoneMatch;
        return ifNoneMatch is not null && ifNoneMatch.Split(',').Any(t => t.Trim() is var tag && (tag == etag || tag == $"W/{etag}" || tag == "*"));
    }
}
