using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Registry.Domain.Common;
using Registry.Domain.Documents;
using Registry.Domain.Search;
using Registry.Projections.Queries;

namespace Registry.Api.Website.Pages;

public partial class ResultsPage
{
    public const int PageSize = 20;

    /// <summary>The query as it stands in the address bar; every link on the page is this query with one thing changed.</summary>
    public sealed record SearchInput(string? Q, string? Kind, string? Status, string? Region, string Sort, string? Cursor)
    {
        public bool HasFilters => Kind is not null || Status is not null || Region is not null;

        /// <summary>Built in one pooled buffer: a results page has a link like this for every facet value.</summary>
        public string Href(Site site)
        {
            var href = new DefaultInterpolatedStringHandler(0, 0);
            href.AppendLiteral("/search");
            var first = true;
            foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)
                [("q", Q), ("kind", Kind), ("status", Status), ("region", Region), ("sort", Sort == "relevance" ? null : Sort), ("cursor", Cursor)])
            {
                if (string.IsNullOrEmpty(value)) continue;
                href.AppendLiteral(first ? "?" : "&");
                href.AppendLiteral(name);
                href.AppendLiteral("=");
                href.AppendLiteral(UrlEncoder.Default.Encode(value));
                first = false;
            }
            return site.Href(href.ToStringAndClear());
        }
    }

    public sealed record SearchModel(SearchInput Input, Registry.Projections.Queries.SearchPage Page, SearchIntent Intent);

    static readonly Dictionary<string, SearchSort> Sorts = new()
    {
        ["relevance"] = SearchSort.Relevance, ["newest"] = SearchSort.IssuedNewest, ["oldest"] = SearchSort.IssuedOldest, ["number"] = SearchSort.Number,
    };

    /// <summary>The same query service as GET /api/v1/registry/search. What the API would refuse as a bad parameter, a
    /// page quietly drops (an unknown filter, a cursor from elsewhere) rather than answer a person with an error.</summary>
    public static async Task<IResult> Handle(Lang lang, string? q, string? kind, string? status, string? region, string? sort, string? cursor,
        HttpContext http, ISearchQuery query, CancellationToken ct)
    {
        var input = new SearchInput(
            string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 200)],
            Slugs.TryParse<DocumentKind>(kind, out var k) ? k.Slug() : null,
            status is not null && Labels.Statuses.ContainsKey(status) && status != "not-yet-issued" ? status : null,
            string.IsNullOrWhiteSpace(region) ? null : RegionNames.Default.Named(region) ?? region,
            sort is not null && Sorts.ContainsKey(sort) ? sort : "relevance",
            SearchCursor.TryDecode(cursor, out _, out _) ? cursor : null);
        var page = await query.SearchAsync(new SearchRequest(input.Q, input.Kind, input.Status, input.Region, Sort: Sorts[input.Sort],
            Cursor: input.Cursor, Limit: PageSize), ct);
        return new HtmlPage<ResultsPage>(Site.For(http, lang), new SearchModel(input, page, SearchIntent.Of(page.ReadAs ?? input.Q)));
    }
}
