// Times each query of a file (one per line) through the PostgreSQL search backend as the API sends it, on one
// connection, median of three runs, and prints the slowest with the statements they took and the percentiles. The
// README's per-query search figures come from it.
// Usage: dotnet run scripts/time-search.cs -- "<connection string>" <file of queries> [how many of the slowest to print]
#:project ../projections/Registry.Projections.csproj
#:property PublishAot=false
using System.Diagnostics;
using Dapper;
using Npgsql;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/time-search.cs -- \"<connection string>\" <file of queries> [slowest to print]");
    return 2;
}
// The session settings the API's connections carry (Database.SessionSettings in api/Infrastructure/Database.cs), and its
// search sessions' (PostgresSearchQuery.SessionSettings).
await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(args[0])
    { Options = "-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=16MB" }.ConnectionString);
await using var conn = await dataSource.OpenConnectionAsync();
await conn.ExecuteAsync(PostgresSearchQuery.SessionSettings);
var timed = new List<(double Ms, string Query, string Answer)>();
var firsts = new List<double>();
foreach (var q in File.ReadAllLines(args[1]).Where(l => l.Length > 0).Distinct())
{
    var runs = new List<double>();
    var sent = new List<(string Sql, DynamicParameters Parameters)>();
    SearchPage? page = null;
    for (var i = 0; i < 3; i++)
    {
        sent.Clear();
        var clock = Stopwatch.StartNew();
        page = await PostgresSearchQuery.SearchAsync(conn, new SearchRequest(q), sent, CancellationToken.None);
        runs.Add(clock.Elapsed.TotalMilliseconds);
    }
    firsts.Add(runs[0]);
    runs.Sort();
    var statements = string.Join(", ", sent.Select(s => s.Sql.TrimStart()[..Math.Min(14, s.Sql.TrimStart().Length)].Replace('\n', ' ')));
    timed.Add((runs[1], q, $"{page!.Total} {page.TotalRelation}, {sent.Count} statements: {statements}"));
}
foreach (var t in timed.OrderByDescending(t => t.Ms).Take(int.Parse(args.ElementAtOrDefault(2) ?? "20")))
    Console.WriteLine($"{t.Ms,8:F2} ms  {t.Query}  [{t.Answer}]");
var ms = timed.Select(t => t.Ms).Order().ToList();
Console.WriteLine($"{ms.Count} queries, {ms.Sum():F0} ms in all: p50 {ms[ms.Count / 2]:F1} p90 {ms[(int)(ms.Count * 0.9)]:F1} p99 {ms[(int)(ms.Count * 0.99)]:F1} max {ms[^1]:F1} ms");
// The first run of a query reads pages no run before it needed, as most queries a registry gets do.
firsts.Sort();
Console.WriteLine($"first runs: p50 {firsts[firsts.Count / 2]:F1} p90 {firsts[(int)(firsts.Count * 0.9)]:F1} p99 {firsts[(int)(firsts.Count * 0.99)]:F1} max {firsts[^1]:F1} ms");
return 0;
