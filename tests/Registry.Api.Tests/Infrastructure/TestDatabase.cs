using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Registry.Api.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL for every test class: migrations run once into a template database (named by a hash of the
/// migration scripts), and each fixture clones it, so classes run in parallel without seeing each other's rows.
/// </summary>
public static class TestDatabase
{
    static readonly SemaphoreSlim TemplateGate = new(1, 1);
    static string? template;

    /// <summary>The suite's cluster. Timeout=15: a dozen apps start at once on two cores, and opening a connection (with
    /// Npgsql's first load of the server's types) took longer than the 2 s the API otherwise sets (Database.Tuned) —
    /// four instances of TwoInstancesTests failed to start that way. OutageTests keep the 2 s on a cluster of their own.</summary>
    public static string Server =>
        $"Host=127.0.0.1;Port={Environment.GetEnvironmentVariable("REGISTRY_PG_PORT") ?? "55432"};Username=postgres;Maximum Pool Size=40;Include Error Detail=true;Timeout=15";

    public static async Task<string> CreateAsync()
    {
        var source = await TemplateAsync();
        var name = $"registry_test_{Guid.NewGuid():N}";
        await using var conn = new NpgsqlConnection($"{Server};Database=postgres");
        await conn.OpenAsync();
        await conn.ExecuteAsync($"create database {name} template {source}");
        return $"{Server};Database={name}";
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection($"{Server};Database=postgres");
        await conn.OpenAsync();
        await conn.ExecuteAsync($"drop database if exists {name} with (force)");
    }

    static async Task<string> TemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (template is not null) return template;
            var name = $"registry_template_{MigrationsHash()}";
            await using var conn = new NpgsqlConnection($"{Server};Database=postgres");
            await conn.OpenAsync();
            // Test assemblies may run at once: one of them builds the template, the others wait for it.
            await conn.ExecuteAsync("select pg_advisory_lock(20121068)");
            try
            {
                var exists = await conn.ExecuteScalarAsync<bool>("select exists (select 1 from pg_database where datname = @name)", new { name });
                if (!exists)
                {
                    var building = name + "_building";
                    await conn.ExecuteAsync($"drop database if exists {building} with (force)");
                    Registry.Api.Infrastructure.Database.Migrate($"{Server};Database={building}");
                    NpgsqlConnection.ClearAllPools();
                    await conn.ExecuteAsync($"alter database {building} rename to {name}");
                }
            }
            finally
            {
                await conn.ExecuteAsync("select pg_advisory_unlock(20121068)");
            }
            return template = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    static string MigrationsHash()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var script in Registry.Api.Infrastructure.Database.Scripts())
            sha.AppendData(Encoding.UTF8.GetBytes(script.Name + "\n" + script.Contents));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
