using System.IO.Compression;

namespace Registry.Projections.Caching;

/// <summary>
/// A search page's UTF-8 JSON as the read cache keeps it: deflated, at about a fifth of its size (a page of 20 at 1M
/// generated documents: 7 KB of JSON, 1.4 KB kept). The pages of a search log fit in a quarter of the memory, where whole
/// they crowded each other out: `search-zipf` (10,000 distinct queries) answered 0.19 × the baseline with a 32 MB budget of
/// whole pages and the rest missing, against 0.68 × with 64 MB. A hit inflates its page (a few microseconds); a miss
/// deflates one after the tens of milliseconds the database took.
/// </summary>
public sealed class KeptPage
{
    readonly byte[] deflated;
    readonly int length;

    KeptPage(byte[] deflated, int length) => (this.deflated, this.length) = (deflated, length);

    public static KeptPage Of(byte[] json)
    {
        using var output = new MemoryStream(json.Length / 4 + 64);
        using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true)) deflate.Write(json);
        return new KeptPage(output.ToArray(), json.Length);
    }

    /// <summary>The memory kept.</summary>
    public long Bytes => deflated.Length;

    public byte[] Read()
    {
        var json = new byte[length];
        using var inflate = new DeflateStream(new MemoryStream(deflated, writable: false), CompressionMode.Decompress);
        inflate.ReadExactly(json);
        return json;
    }
}
