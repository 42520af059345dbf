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

    /// <summary>The page as its bytes, read again only when it holds no item. A page the read cache holds passes through
    /// without another await, and an answer of nothing either way is never deserialized: this is the hot path.</summary>
    public Task<byte[]> SearchJsonAsync(SearchRequest request, CancellationToken ct)
    {
        var json = inner.SearchJsonAsync(request, ct);
        return json.IsCompletedSuccessfully && !IsEmpty(json.Result) ? json : ReadAgainAsync(json, request, ct);
    }

    async Task<byte[]> ReadAgainAsync(Task<byte[]> answer, SearchRequest request, CancellationToken ct)
    {
        var json = await answer;
        // An empty first page is an answer of nothing; an empty page after a cursor may be the end of a long one.
        if (!IsEmpty(json) || KeyboardLayout.Switched(request.Q) is not { } switched
            || (request.Cursor is not null && JsonSerializer.Deserialize<SearchPage>(json, SearchPage.Json)!.Total != 0))
            return json;
        var other = await inner.SearchJsonAsync(request with { Q = switched }, ct);
        return IsEmpty(other) ? json
            : JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<SearchPage>(other, SearchPage.Json)! with { ReadAs = switched }, SearchPage.Json);
    }

    static bool IsEmpty(byte[] json) => json.AsSpan().StartsWith("{\"items\":[]"u8);
}
