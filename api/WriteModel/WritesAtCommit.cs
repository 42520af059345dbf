using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Registry.Api.WriteModel;

/// <summary>
/// Writes whose answer the command does not need (an outbox event, a survey code) sent in the command's last round trip,
/// just before its commit (<see cref="Commands.RunAsync"/>), rather than one round trip each. At 400 decisions/s two
/// thirds of the API's CPU and two fifths of PostgreSQL's went to the kernel, sending and waking for round trips, and
/// the two cores were saturated. Kept by transaction so that the write helpers keep their (connection, transaction)
/// shape; a transaction that <see cref="Commands.RunAsync"/> does not run refuses them, so none can be left unsent.
/// They must return no rows (notify, not select pg_notify): the command's own statements after them are read by position.
/// </summary>
public static class WritesAtCommit
{
    static readonly ConditionalWeakTable<NpgsqlTransaction, List<(string Sql, object Parameters)>> Pending = new();
    static readonly ConcurrentDictionary<(string Sql, int Index), string> Renamed = new();

    public static void Open(NpgsqlTransaction tx) => Pending.AddOrUpdate(tx, []);

    public static void Close(NpgsqlTransaction tx) => Pending.Remove(tx);

    public static void Add(NpgsqlTransaction tx, string sql, object parameters)
    {
        if (!Pending.TryGetValue(tx, out var writes))
            throw new InvalidOperationException("Writes at commit need a transaction that Commands.RunAsync runs: nothing else would send them.");
        writes.Add((sql, parameters));
    }

    /// <summary>The pending writes, each statement's parameters renamed apart (@x of the second write is @x_w1) so that
    /// they share one command; in the order they were added.</summary>
    public static (IReadOnlyList<string> Statements, DynamicParameters Parameters) Take(NpgsqlTransaction tx)
    {
        var statements = new List<string>();
        var parameters = new DynamicParameters();
        if (!Pending.TryGetValue(tx, out var writes)) return (statements, parameters);
        for (var i = 0; i < writes.Count; i++)
        {
            var (sql, values) = writes[i];
            var properties = values.GetType().GetProperties();
            statements.Add(Renamed.GetOrAdd((sql, i), key => properties.Aggregate(key.Sql,
                (text, p) => Regex.Replace(text, $@"(?<![\w@])@{p.Name}\b", $"@{p.Name}_w{key.Index}"))));
            foreach (var p in properties) parameters.Add($"{p.Name}_w{i}", p.GetValue(values));
        }
        writes.Clear();
        return (statements, parameters);
    }
}
