using System.Text.Json;
using Registry.Domain.Search;

namespace Registry.Projections.Queries;

/// <summary>
/// A query that finds nothing is read again with its keys on the other keyboard layout, as a person who forgot to switch
/// it meant: "Fcnfyf" is "Астана". The page then answers that reading and names it (<see cref="SearchPage.ReadAs"/>).
/// Only an empty answer is read again, so a query that finds anything as typed is never second-guessed.
/// </summary>
public sealed class KeyboardLayoutSearchQuery(ISearchQuery inner) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var page = await inner.SearchAsync(request, ct);
        return page.Total == 0 && KeyboardLayout.Switched(request.Q) is { } switched
            && await inner.SearchAsync(request with { Q = switched }, ct) is { Total: > 0 } other
            ? other with { ReadAs = switched }
            : page;
    }

    /// <summary>The page as its bytes, read back only when it holds no item: an empty page is small, and only it can be an
    /// answer of nothing.</summary>
    public async Task<byte[]> SearchJsonAsync(SearchRequest request, CancellationToken ct)
    {
        var json = await inner.SearchJsonAsync(request, ct);
        if (!json.AsSpan().StartsWith("{\"items\":[]"u8) || KeyboardLayout.Switched(request.Q) is not { } switched
            || JsonSerializer.Deserialize<SearchPage>(json, SearchPage.Json)!.Total != 0)
            return json;
        var other = await inner.SearchAsync(request with { Q = switched }, ct);
        return other.Total > 0 ? JsonSerializer.SerializeToUtf8Bytes(other with { ReadAs = switched }, SearchPage.Json) : json;
    }
}
