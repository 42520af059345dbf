using System.Net;
using Dapper;
using Npgsql;
using Registry.Api.Tests.Infrastructure;

namespace Registry.Api.Tests.Scaling;

/// <summary>An instance starting while another one imports the centres or seeds the demo data waits for it, however long
/// that takes: the start-up waits are not bound by the serving statement time-out (Timeouts:Reads), which would make
/// the second of two `make run`s crash while the first seeds its 2,400 documents.</summary>
public sealed class StartupWaitsTests
{
    [Fact]
    public async Task An_instance_waits_for_another_instances_import_and_seeding_longer_than_the_statement_time_out()
    {
        var connectionString = $"{TestDatabase.Server};Database=registry_test_{Guid.NewGuid():N}";
        try
        {
            Registry.Api.Infrastructure.Database.Migrate(connectionString);
            await using var other = new NpgsqlConnection(connectionString);
            await other.OpenAsync();
            // "Another instance" is mid-import and mid-seeding: it holds both start-up locks.
            var import = await other.BeginTransactionAsync();
            await other.ExecuteAsync("lock table centres_import in exclusive mode", transaction: import);
            await using var seeding = new NpgsqlConnection(connectionString);
            await seeding.OpenAsync();
            await seeding.ExecuteAsync("select pg_advisory_lock(@SeedLock)", new { SeedLock = Registry.Api.DemoData.DemoDataSeeder.SeedLock });

            await using var instance = new InstanceApp(connectionString, new Dictionary<string, string?>
            {
                ["DemoData:Seed"] = "true",
                ["DemoData:Documents"] = "12",
                // The production time-out: statements give up after 2 s while serving.
                ["Timeouts:Reads"] = "00:00:02",
            });
            var starting = instance.StartAsync();
            await BlockedAsync(seeding, "relation", starting);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(starting.IsCompleted, "the instance did not wait for the centres import");
            await import.RollbackAsync();
            await BlockedAsync(seeding, "advisory", starting);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(starting.IsCompleted, "the instance did not wait for the demo seeding");
            await seeding.ExecuteAsync("select pg_advisory_unlock(@SeedLock)", new { SeedLock = Registry.Api.DemoData.DemoDataSeeder.SeedLock });
            await starting.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(HttpStatusCode.OK, (await instance.Anonymous().GetAsync("/health/live")).StatusCode);
            Assert.Equal(284, await other.ExecuteScalarAsync<long>("select count(*) from centres"));
            Assert.Equal(12, await other.ExecuteScalarAsync<long>("select count(*) from applications"));
        }
        finally
        {
            await TestDatabase.DropAsync(connectionString);
        }
    }

    /// <summary>Until the starting instance waits for a lock of that type (start-up may take seconds on a loaded machine).</summary>
    static async Task BlockedAsync(NpgsqlConnection conn, string lockType, Task starting)
    {
        for (var i = 0; i < 600 && !starting.IsCompleted; i++)
        {
            if (await conn.ExecuteScalarAsync<bool>("""
                select exists (select 1 from pg_locks where not granted and locktype = @lockType
                  and database = (select oid from pg_database where datname = current_database()))
                """, new { lockType })) return;
            await Task.Delay(50);
        }
        await starting; // surfaces the start-up failure
        Assert.Fail($"the instance never waited for a {lockType} lock");
    }
}
