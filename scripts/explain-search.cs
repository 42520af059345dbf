// EXPLAIN (ANALYZE, BUFFERS) of every statement the PostgreSQL search backend sends for each query given: one line per
// statement (buffers hit + read, milliseconds), and with --plan the whole plan. The README's search figures come from it.
// Usage: dotnet run scripts/explain-search.cs -- "<connection string>" [--plan] <query> [<query> ...]
#:project ../projections/Registry.Projections.csproj
#:property PublishAot=false
using Dapper;
using Npgsql;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/explain-search.cs -- \"<connection string>\" [--plan] <query> [<query> ...]");
    return 2;
}
var showPlan = args.Contains("--plan");
await using var dataSource = NpgsqlDataSource.Create(args[0]);
await using var conn = await dataSource.OpenConnectionAsync();
foreach (var q in args.Skip(1).Where(a => a != "--plan"))
{
    var sent = new List<(string Sql, DynamicParameters Parameters)>();
    var page = await PostgresSearchQuery.SearchAsync(conn, new SearchRequest(q), sent, CancellationToken.None);
    Console.WriteLine($"{q}: total {page.Total} ({page.TotalRelation}), facets exact {page.Facets.Exact}, {page.Items.Count} items");
    long sum = 0;
    foreach (var (sql, parameters) in sent)
    {
        var plan = (await conn.QueryAsync<string>($"explain (analyze, buffers) {sql}", parameters)).ToList();
        var top = plan.FirstOrDefault(l => l.TrimStart().StartsWith("Buffers:", StringComparison.Ordinal)) ?? "Buffers: none";
        var buffers = top.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Contains('=')).Sum(p => p.StartsWith("hit=") || p.StartsWith("read=") ? long.Parse(p[(p.IndexOf('=') + 1)..]) : 0);
        sum += buffers;
        Console.WriteLine($"  {buffers,7} buffers  {plan.Last(l => l.StartsWith("Execution Time")).Split(':')[1].Trim(),12}  {top.Trim()}");
        if (showPlan) Console.WriteLine(string.Join('\n', plan.Select(l => "      " + l)) + "\n      SQL: " + sql.Replace("\n", "\n      "));
    }
    Console.WriteLine($"  {sum,7} buffers over {sent.Count} statements");
}
return 0;
