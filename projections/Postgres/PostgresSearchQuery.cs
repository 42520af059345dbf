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
        var where = Filters(request, intent, p);
        var (score, sortKey, order, after) = Ordering(request.Sort, intent);

        var page = new StringBuilder($"select document_id as documentid, kind, number, status, issued_on as issuedon, valid_until as validuntil, holder_name as holdername, holder_identifier as holderidentifier, region, {score}::float8 as score, ({sortKey})::text as sortkey from read.documents d where {where}");
        if (SearchCursor.TryDecode(request.Cursor, out var cursorKey, out var cursorId))
        {
            page.Append(" and ").Append(after);
            p.Add("cursorKey", cursorKey);
            p.Add("cursorId", cursorId);
        }
        page.Append($" order by {order} limit @limit;");
        p.Add("limit", request.Limit + 1);

        var sql = $"""
            {page}
            select count(*) from read.documents d where {where};
            select kind as value, count(*) as count from read.documents d where {where} group by kind order by count desc, kind;
            select status as value, count(*) as count from read.documents d where {where} group by status order by count desc, status;
            select region as value, count(*) as count from read.documents d where {where} and region is not null group by region order by count desc, region;
            """;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql, p, cancellationToken: ct));
        var rows = (await grid.ReadAsync<Row>()).AsList();
        var total = await grid.ReadSingleAsync<long>();
        var facets = new SearchFacets(
            (await grid.ReadAsync<FacetCount>()).AsList(),
            (await grid.ReadAsync<FacetCount>()).AsList(),
            (await grid.ReadAsync<FacetCount>()).AsList());

        var hasMore = rows.Count > request.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var next = hasMore ? SearchCursor.Encode(rows[^1].SortKey, rows[^1].DocumentId) : null;
        return new SearchPage(
            [.. rows.Select(r => new SearchHit(r.Kind, r.Number, r.Status, r.IssuedOn, r.ValidUntil, r.HolderName, r.HolderIdentifier, r.Region, r.Score))],
            total, next, facets);
    }

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
                _ => "(@q <% d.name_folded or d.name_folded like '%' || @q || '%' or d.search @@ plainto_tsquery('simple', @q))",
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

    /// <summary>Score expression, the sort key as text (for the cursor), order by, and the keyset predicate.</summary>
    static (string Score, string SortKey, string Order, string After) Ordering(SearchSort sort, SearchIntent intent)
    {
        var score = intent.Kind == SearchIntentKind.Name
            ? "round((greatest(word_similarity(@q, d.name_folded), similarity(@q, d.name_folded)) + case when d.name_folded like @q || '%' then 1 else 0 end)::numeric, 6)"
            : "1::numeric";
        return sort switch
        {
            SearchSort.IssuedNewest => (score, "d.issued_on", "d.issued_on desc, d.document_id",
                "(d.issued_on < @cursorKey::date or (d.issued_on = @cursorKey::date and d.document_id > @cursorId))"),
            SearchSort.IssuedOldest => (score, "d.issued_on", "d.issued_on, d.document_id",
                "(d.issued_on > @cursorKey::date or (d.issued_on = @cursorKey::date and d.document_id > @cursorId))"),
            SearchSort.Number => (score, "d.number_norm", "d.number_norm, d.document_id",
                "(d.number_norm > @cursorKey or (d.number_norm = @cursorKey and d.document_id > @cursorId))"),
            _ => (score, score, $"{score} desc, d.document_id",
                $"({score} < @cursorKey::numeric or ({score} = @cursorKey::numeric and d.document_id > @cursorId))"),
        };
    }

    sealed record Row(Guid DocumentId, string Kind, string Number, string Status, DateOnly IssuedOn, DateOnly? ValidUntil,
        string HolderName, string? HolderIdentifier, string? Region, double Score, string SortKey);
}
