// Times the PostgreSQL projector (PostgresDocumentProjector.ApplyAsync) on the newest document events of a database's
// outbox, each batch applied as new documents (deleted first in the same transaction, rolled back after), so nothing is
// changed: the median of 12 rounds per batch size. The README's projector figures come from it.
// Usage: dotnet run scripts/time-projector.cs -- "<connection string>" <batch size> [<batch size> ...]
#:project ../projections/Registry.Projections.csproj
#:property PublishAot=false
using System.Diagnostics;
using Dapper;
using Npgsql;
using Registry.Projections.Outbox;
using Registry.Projections.Postgres;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/time-projector.cs -- \"<connection string>\" <batch size> [<batch size> ...]");
    return 2;
}
await using var conn = new NpgsqlConnection(args[0]);
await conn.OpenAsync();
var messages = (await conn.QueryAsync<OutboxMessage>("""
    select o.position, o.tx::text as tx, o.type, o.aggregate_id as aggregateid, o.payload::text as payload, o.created_at as createdat
    from outbox o where o.type = 'document-changed.v1' order by o.position desc limit 2000
    """)).Reverse().ToList();
if (messages.Count == 0)
{
    Console.Error.WriteLine("The outbox holds no document events: run a load test's write or lag scenario first.");
    return 1;
}
var projector = new PostgresDocumentProjector();
foreach (var size in args.Skip(1).Select(int.Parse))
{
    var times = new List<double>();
    for (var round = 0; round < 12; round++)
    {
        var batch = messages.Skip(round * size % Math.Max(1, messages.Count - size)).Take(size).ToList();
        await using var tx = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("delete from read.documents where document_id = any(@ids)", new { ids = batch.Select(m => m.AggregateId).Distinct().ToArray() }, tx);
        var clock = Stopwatch.StartNew();
        await projector.ApplyAsync(batch, tx, CancellationToken.None);
        times.Add(clock.Elapsed.TotalMilliseconds);
        await tx.RollbackAsync();
    }
    times.Sort();
    Console.WriteLine($"batch of {size}: median {times[times.Count / 2]:0.0} ms, min {times[0]:0.0} ms, {times[times.Count / 2] / size:0.00} ms a document");
}
return 0;

