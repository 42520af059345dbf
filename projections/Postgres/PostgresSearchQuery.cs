using System.Text.Json;
using System.Text;
using Dapper;
using Npgsql;
using Registry.Projections.Queries;

namespace Registry.Projections.Postgres;

/// <summary>Search over read.documents: filters, an exact total, facets and keyset pagination, in one round trip.</summary>
public sealed class PostgresSearchQuery(NpgsqlDataSource dataSource) : ISearchQuery
{
    public async Task<SearchPage> SearchAsync(SearchRequest request, CancellationToken ct)
    {
        var intent = SearchIntent.Of(request.Q);
        var p = new DynamicParameters();
        p.Add("q", intent.Text);
        p.Add("tsq", PrefixQuery(intent.Text));
        var where = Filters(request, intent, p);
        var (score, sortKey, order, after) = Ordering(request.Sort, intent);
        var afterCursor = "true";
        if (SearchCursor.TryDecode(request.Cursor, out var cursorKey, out var cursorId))
        {
            afterCursor = after;
            p.Add("cursorKey", cursorKey);
            p.Add("cursorId", cursorId);
        }
        p.Add("limit", request.Limit + 1);

        // One scan: the matching rows are computed once and feed the page, the exact total and the three facets.
        var sql = $"""
            with matched as materialized (
                select d.document_id, d.kind, d.number, d.number_norm, d.status, d.issued_on, d.valid_until, d.holder_name,
                       d.holder_identifier, d.region, {score} as score
                from read.documents d
                where {where}
            ),
            page as (
                select d.*, ({sortKey})::text as sort_key from matched d where {afterCursor} order by {order} limit @limit
            )
            select
                (select coalesce(json_agg(json_build_object('documentId', document_id, 'kind', kind, 'number', number, 'status', status,
                    'issuedOn', issued_on, 'validUntil', valid_until, 'holderName', holder_name, 'holderIdentifier', holder_identifier,
                    'region', region, 'score', score, 'sortKey', sort_key) order by {order.Replace("d.", "page.", StringComparison.Ordinal)}), '[]')::text from page) as items,
                (select count(*) from matched) as total,
                (select coalesce(json_agg(json_build_object('value', kind, 'count', n) order by n desc, kind), '[]')::text
                   from (select kind, count(*) as n from matched group by kind) f) as kinds,
                (select coalesce(json_agg(json_build_object('value', status, 'count', n) order by n desc, status), '[]')::text
                   from (select status, count(*) as n from matched group by status) f) as statuses,
                (select coalesce(json_agg(json_build_object('value', region, 'count', n) order by n desc, region), '[]')::text
                   from (select region, count(*) as n from matched where region is not null group by region) f) as regions
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var result = await conn.QuerySingleAsync<ResultRow>(new CommandDefinition(sql, p, cancellationToken: ct));
        var rows = JsonSerializer.Deserialize<List<Row>>(result.Items, Json)!;
        var facets = new SearchFacets(Facets(result.Kinds), Facets(result.Statuses), Facets(result.Regions));

        var hasMore = rows.Count > request.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var next = hasMore ? SearchCursor.Encode(rows[^1].SortKey, rows[^1].DocumentId) : null;
        return new SearchPage(
            [.. rows.Select(r => new SearchHit(r.Kind, r.Number, r.Status, r.IssuedOn, r.ValidUntil, r.HolderName, r.HolderIdentifier, r.Region, r.Score))],
            result.Total, next, facets);
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static List<FacetCount> Facets(string json) => JsonSerializer.Deserialize<List<FacetCount>>(json, Json)!;

    /// <summary>Every folded word as a prefix, all required: "караг комир" → 'караг':* &amp; 'комир':*.</summary>
    static string PrefixQuery(string folded) =>
        string.Join(" & ", folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => $"'{w.Replace("'", "", StringComparison.Ordinal)}':*"));

    static string Filters(SearchRequest r, SearchIntent intent, DynamicParameters p)
    {
        var clauses = new List<string>
        {
            intent.Kind switch
            {
                SearchIntentKind.Everything => "true",
                SearchIntentKind.Bin => "d.holder_identifier = @q",
                SearchIntentKind.NumberPrefix => "d.number_norm like @q || '%'",
                // Last digits of a number: a prefix match on the reversed number uses an index.
                SearchIntentKind.NumberSuffix => "reverse(d.number_norm) like reverse(@q) || '%'",
                // Whole words or their beginnings through the full-text index; small typos through trigram word similarity.
                _ => "(d.search @@ to_tsquery('simple', @tsq) or @q <% d.name_folded)",
            },
        };
        void Add(string clause, string name, object? value)
        {
            if (value is null) return;
            clauses.Add(clause);
            p.Add(name, value);
        }
        Add("d.kind = @kind", "kind", r.Kind);
        Add("d.status = @status", "status", r.Status);
        Add("d.region = @region", "region", r.Region);
        Add("d.sectors @> array[@sector]", "sector", r.Sector);
        Add("d.holder_identifier = @bin", "bin", r.Bin);
        Add("d.issued_on >= @issuedFrom", "issuedFrom", r.IssuedFrom);
        Add("d.issued_on <= @issuedTo", "issuedTo", r.IssuedTo);
        return string.Join(" and ", clauses);
    }

    /// <summary>The score expression (over read.documents), then — over the matched rows — the sort key as text (for the
    /// cursor), the order, and the keyset predicate.</summary>
    static (string Score, string SortKey, string Order, string After) Ordering(SearchSort sort, SearchIntent intent)
    {
        var score = intent.Kind == SearchIntentKind.Name
            ? "round((word_similarity(@q, d.name_folded) + case when d.name_folded like @q || '%' then 1 else 0 end)::numeric, 6)"
            : "1::numeric";
        return sort switch
        {
            SearchSort.IssuedNewest => (score, "d.issued_on", "d.issued_on desc, d.document_id",
                "(d.issued_on < @cursorKey::date or (d.issued_on = @cursorKey::date and d.document_id > @cursorId))"),
            SearchSort.IssuedOldest => (score, "d.issued_on", "d.issued_on, d.document_id",
                "(d.issued_on > @cursorKey::date or (d.issued_on = @cursorKey::date and d.document_id > @cursorId))"),
            SearchSort.Number => (score, "d.number_norm", "d.number_norm, d.document_id",
                "(d.number_norm > @cursorKey or (d.number_norm = @cursorKey and d.document_id > @cursorId))"),
            _ => (score, "d.score", "d.score desc, d.document_id",
                "(d.score < @cursorKey::numeric or (d.score = @cursorKey::numeric and d.document_id > @cursorId))"),
        };
    }

    sealed record Row(Guid DocumentId, string Kind, string Number, string Status, DateOnly IssuedOn, DateOnly? ValidUntil,
        string HolderName, string? HolderIdentifier, string? Region, double Score, string SortKey);

    sealed record ResultRow(string Items, long Total, string Kinds, string Statuses, string Regions);
}
