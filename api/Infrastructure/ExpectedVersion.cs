namespace Registry.Api.Infrastructure;

/// <summary>Optimistic concurrency: If-Match carries the version the client last read (as its ETag, "3" or W/"3").</summary>
public static class ExpectedVersion
{
    public static bool TryRead(HttpContext http, out int? version)
    {
        version = null;
        string? header = http.Request.Headers.IfMatch;
        if (string.IsNullOrWhiteSpace(header) || header == "*") return true;
        var raw = header.Trim();
        if (raw.StartsWith("W/", StringComparison.Ordinal)) raw = raw[2..];
        if (!int.TryParse(raw.Trim('"'), out var parsed)) return false;
        version = parsed;
        return true;
    }

    public static string ETag(int version) => $"\"{version}\"";
}
