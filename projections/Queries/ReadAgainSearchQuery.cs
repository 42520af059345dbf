using System.Text.Json;
using Registry.Domain.Common;
using Registry.Domain.Search;

namespace Registry.Projections.Queries;

/// <summary>
/// A query that finds nothing is read again as a person most likely meant it (<see cref="QueryReadings"/>): a region and a
/// kind of document it names as the filters, its keys on the other keyboard layout ("Fcnfyf" is "Астана"), a name in one
/// word as its words, or a name's words as one. The first reading that finds something answers, and the page names it
/// (<see cref="SearchPage.ReadAs"/>, <see cref="SearchPage.ReadFilters"/>). Only an empty answer is read again, so a query
/// that finds anything as typed is never second-guessed; nor is a filter the request already sets.
/// </summary>
public sealed class ReadAgainSearchQuery(ISearchQuery inner) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var page = await inner.SearchAsync(request, ct);
        if (page.Total != 0) return page;
        foreach (var reading in Readings(request))
            if (await inner.SearchAsync(Read(request, reading), ct) is { Total: > 0 } other)
                return other with { ReadAs = reading.Text, ReadFilters = Filters(reading) };
        return page;
    }

    static IEnumerable<QueryReading> Readings(SearchRequest request) =>
        QueryReadings.Of(request.Q).Where(r => Agrees(r.Region, request.Region) && Agrees(r.DocumentKind?.Slug(), request.Kind));

    static bool Agrees(string? read, string? set) => read is null || set is null || read == set;

    static SearchRequest Read(SearchRequest request, QueryReading reading) =>
        request with { Q = reading.Text, Region = reading.Region ?? request.Region, Kind = reading.DocumentKind?.Slug() ?? request.Kind };

    static SearchReadFilters? Filters(QueryReading reading) =>
        reading.Kind == QueryReadingKind.Filters ? new(reading.DocumentKind?.Slug(), reading.Region) : null;

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
        var readings = IsEmpty(json) ? Readings(request).ToList() : [];
        // An empty first page is an answer of nothing; an empty page after a cursor may be the end of a long one.
        if (readings.Count == 0 || (request.Cursor is not null && JsonSerializer.Deserialize<SearchPage>(json, SearchPage.Json)!.Total != 0))
            return json;
        foreach (var reading in readings)
        {
            var other = await inner.SearchJsonAsync(Read(request, reading), ct);
            if (!IsEmpty(other))
                return JsonSerializer.SerializeToUtf8Bytes(JsonSerializer.Deserialize<SearchPage>(other, SearchPage.Json)! with
                    { ReadAs = reading.Text, ReadFilters = Filters(reading) }, SearchPage.Json);
        }
        return json;
    }

    static bool IsEmpty(byte[] json) => json.AsSpan().StartsWith("{\"items\":[]"u8);
}
