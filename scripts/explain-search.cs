// EXPLAIN (ANALYZE, BUFFERS) of every statement the PostgreSQL search backend sends for each query given: one line per
// statement (shared buffers hit + read over all its nodes, milliseconds), and with --plan the whole plan. The README's search figures come from it.
// Usage: dotnet run scripts/explain-search.cs -- "<connection string>" [--plan] <query> [<query> ...]
// A query may carry the endpoint's filters after a '?': "Құрылыс?kind=permit&status=valid&region=Астана&sort=number&limit=50"
// (also sector, bin, issuedFrom and issuedTo).
#:project ../projections/Registry.Projections.csproj
#:property PublishAot=false
using System.Text.Json;
using Dapper;
using Npgsql;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

static SearchRequest Request(string typed)
{
    var parts = typed.Split('?', 2);
    var filters = (parts.Length > 1 ? parts[1] : "").Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
    string? F(string key) => filters.TryGetValue(key, out var v) ? v : null;
    var sort = F("sort") switch { "number" => SearchSort.Number, "issued-newest" => SearchSort.IssuedNewest, "issued-oldest" => SearchSort.IssuedOldest, _ => SearchSort.Relevance };
    return new SearchRequest(parts[0].Length == 0 ? null : parts[0], F("kind"), F("status"), F("region"), F("sector"), F("bin"),
        F("issuedFrom") is { } from ? DateOnly.Parse(from) : null, F("issuedTo") is { } to ? DateOnly.Parse(to) : null,
        sort, Limit: F("limit") is { } l ? int.Parse(l) : 20);
}

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/explain-search.cs -- \"<connection string>\" [--plan] <query> [<query> ...]");
    return 2;
}
var showPlan = args.Contains("--plan");
// The session settings the API's connections carry (Database.SessionSettings in api/Infrastructure/Database.cs), and its
// search sessions' (PostgresSearchQuery.SessionSettings).
await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(args[0]) { Options = "-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=16MB" }.ConnectionString);
await using var conn = await dataSource.OpenConnectionAsync();
await conn.ExecuteAsync(PostgresSearchQuery.SessionSettings);
foreach (var q in args.Skip(1).Where(a => a != "--plan"))
{
    var sent = new List<(string Sql, DynamicParameters Parameters)>();
    var page = await PostgresSearchQuery.SearchAsync(conn, Request(q), sent, CancellationToken.None);
    Console.WriteLine($"{q}: total {page.Total} ({page.TotalRelation}), facets exact {page.Facets.Exact}, {page.Items.Count} items");
    long sum = 0;
    foreach (var (sql, parameters) in sent)
    {
        var json = await conn.ExecuteScalarAsync<string>($"explain (analyze, buffers, format json) {sql}", parameters);
        var root = JsonDocument.Parse(json!).RootElement[0];
        var buffers = Exclusive(root.GetProperty("Plan"));
        sum += buffers;
        Console.WriteLine($"  {buffers,7} buffers  {root.GetProperty("Execution Time").GetDouble(),9:F3} ms");
        if (showPlan)
        {
            var text = await conn.QueryAsync<string>($"explain (analyze, buffers) {sql}", parameters);
            Console.WriteLine(string.Join('\n', text.Select(l => "      " + l)) + "\n      SQL: " + sql.Replace("\n", "\n      "));
        }
    }
    Console.WriteLine($"  {sum,7} buffers over {sent.Count} statements");
}
return 0;

// Buffers a statement touched: each node's own (its count less its children's, InitPlans and CTEs included), summed.
// A node's count does not always include an InitPlan's (a walk in a CTE read by an InitPlan is missing from the top
// node), and a CTE Scan repeats what its CTE read, so neither the top node nor a plain sum is the total.
static long Exclusive(JsonElement node)
{
    long Own(JsonElement n) => n.GetProperty("Shared Hit Blocks").GetInt64() + n.GetProperty("Shared Read Blocks").GetInt64();
    var children = node.TryGetProperty("Plans", out var plans) ? plans.EnumerateArray().ToList() : [];
    var own = node.GetProperty("Node Type").GetString() == "CTE Scan" ? 0 : Math.Max(0, Own(node) - children.Sum(Own));
    return own + children.Sum(Exclusive);
}
