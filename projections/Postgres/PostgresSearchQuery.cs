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
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var intent = SearchIntent.Of(request.Q);
        var page = await SearchAsync(conn, request, intent, typoTolerant: false, ct);
        // Words that match nothing exactly or as prefixes get a second, typo-tolerant pass (trigram word similarity),
        // which is too costly to run on every query.
        return page.Total == 0 && intent.Kind == SearchIntentKind.Name ? await SearchAsync(conn, request, intent, typoTolerant: true, ct) : page;
    }

    async Task<SearchPage> SearchAsync(NpgsqlConnection conn, SearchRequest request, SearchIntent intent, bool typoTolerant, CancellationToken ct)
    {
        var statements = Statements(request, intent, typoTolerant);
        var sql = statements.Page + ";\n" + statements.Facets;
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(sql, statements.Parameters, cancellationToken: ct));
        var rows = (await grid.ReadAsync<Row>()).AsList();
        var groups = (await grid.ReadAsync<Group>()).AsList();

        var hasMore = rows.Count > request.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var next = hasMore ? SearchCursor.Encode(rows[^1].SortKey, rows[^1].DocumentId) : null;
        List<FacetCount> Facet(Func<Group, bool> isFacet, Func<Group, string?> value) =>
            [.. groups.Where(g => isFacet(g) && value(g) is not null).Select(g => new FacetCount(value(g)!, g.N)).OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal)];
        return new SearchPage(
            [.. rows.Select(r => new SearchHit(r.Kind, r.Number, r.Status, r.IssuedOn, r.ValidUntil, r.HolderName, r.HolderIdentifier, r.Region, r.Score))],
            groups.FirstOrDefault(g => g is { ByKind: 1, ByStatus: 1, ByRegion: 1 })?.N ?? 0, next,
            new SearchFacets(
                Facet(g => g is { ByKind: 0 }, g => g.Kind),
                Facet(g => g is { ByStatus: 0 }, g => g.Status),
                Facet(g => g is { ByRegion: 0 }, g => g.Region)));
    }

    /// <summary>What one pass sends, in one round trip: the page, then the exact total and facets. Public so a test can
    /// EXPLAIN exactly these statements.</summary>
    public sealed record PassStatements(string Page, string Facets, DynamicParameters Parameters);

    public static PassStatements Statements(SearchRequest request, SearchIntent intent, bool typoTolerant)
    {
        var p = new DynamicParameters();
        p.Add("q", intent.Text);
        p.Add("tsq", PrefixQuery(intent.Text));
        var where = Filters(request, intent, typoTolerant, p);
        var (score, sortKey, order, after) = Ordering(request.Sort, intent, typoTolerant);
        var afterCursor = "true";
        if (SearchCursor.TryDecode(request.Cursor, out var cursorKey, out var cursorId))
        {
            afterCursor = after;
            p.Add("cursorKey", cursorKey);
            p.Add("cursorId", cursorId);
        }
        p.Add("limit", request.Limit + 1);

        // The page reads only what it returns (an index can serve the order); the exact total and the three facets
        // come from one grouping-sets pass over the matches.
        var page = $"""
            select d.document_id as documentid, d.kind, d.number, d.status, d.issued_on as issuedon, d.valid_until as validuntil, d.holder_name as holdername,
                   d.holder_identifier as holderidentifier, d.region, d.score::float8 as score, ({sortKey})::text as sortkey
            from (select r.*, {score} as score from read.documents r where {where.Replace("d.", "r.", StringComparison.Ordinal)}) d
            where {afterCursor}
            order by {order}
            limit @limit
            """;
        var facets = $"""
            select grouping(kind) as bykind, grouping(status) as bystatus, grouping(region) as byregion, kind, status, region, count(*) as n
            from read.documents d where {where}
            group by grouping sets ((kind), (status), (region), ())
            """;
        return new PassStatements(page, facets, p);
    }

    sealed record Group(int ByKind, int ByStatus, int ByRegion, string? Kind, string? Status, string? Region, long N);

    /// <summary>Every folded word as a prefix, all required: "караг комир" → 'караг':* &amp; 'комир':*.</summary>
    static string PrefixQuery(string folded) =>
        string.Join(" & ", folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => $"'{w.Replace("'", "", StringComparison.Ordinal)}':*"));

    static string Filters(SearchRequest r, SearchIntent intent, bool typoTolerant, DynamicParameters p)
    {
        var clauses = new List<string>
        {
            intent.Kind switch
            {
                SearchIntentKind.Everything => "true",
                SearchIntentKind.Bin => "d.holder_identifier = @q",
                // Normalised numbers are upper-case ASCII letters and digits, all below '~': a prefix is a range.
                SearchIntentKind.NumberPrefix => "(d.number_norm >= @q and d.number_norm < @q || '~')",
                // Last digits of a number: a prefix range on the reversed number, which has its own index.
                SearchIntentKind.NumberSuffix => "(reverse(d.number_norm) >= reverse(@q) and reverse(d.number_norm) < reverse(@q) || '~')",
                // Whole words or their beginnings through the full-text index; small typos through trigram word similarity.
                _ when typoTolerant => "@q <% d.name_folded",
                _ => "d.search @@ to_tsquery('simple', @tsq)",
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
    static (string Score, string SortKey, string Order, string After) Ordering(SearchSort sort, SearchIntent intent, bool typoTolerant)
    {
        // Relevance: a name that starts with the query first, then how closely the words match.
        var score = intent.Kind != SearchIntentKind.Name ? "1::numeric"
            : typoTolerant ? "round(word_similarity(@q, r.name_folded)::numeric, 6)"
            : "round((case when r.name_folded like @q || '%' then 1 else 0 end + ts_rank(r.search, to_tsquery('simple', @tsq)))::numeric, 6)";
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

}
