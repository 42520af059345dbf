using Dapper;
using Npgsql;

namespace Registry.Api.WriteModel;

/// <summary>Gap-free yearly counters. The upsert takes the counter row's lock, so concurrent issuers queue on it and
/// each gets the next number; a rolled-back transaction gives its number back.</summary>
public static class NumberSequences
{
    /// <summary>Moves the counter and returns its new value; <see cref="NumberAtCommit"/> runs it with the commit.</summary>
    public const string Next = """
        insert into number_sequences (kind, year, last) values (@kind, @year, 1)
        on conflict (kind, year) do update set last = number_sequences.last + 1
        returning last
        """;

    public static Task<long> NextAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string counter, int year, CancellationToken ct) =>
        conn.ExecuteScalarAsync<long>(new CommandDefinition(Next, new { kind = counter, year }, tx, cancellationToken: ct));
}
