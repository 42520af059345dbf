using System.Reflection;
using DbUp;
using DbUp.Engine;
using Npgsql;
using Registry.Projections;

namespace Registry.Api.Infrastructure;

public static class Database
{
    /// <summary>The key of the data source for long, non-request statements (no statement time-out).</summary>
    public const string LongRunning = "long-running";

    /// <summary>The key of the data source officers' writes use: statements time out after Timeouts:Writes, not after
    /// the read time-out (a decision may queue on its kind's number counter for longer than a read may take).</summary>
    public const string Writes = "writes";

    /// <summary>Held while migrating: instances starting together on one database migrate one after the other.</summary>
    const long MigrationLock = 20121068_0001;

    public static void AddRegistryDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Registry")
            ?? throw new InvalidOperationException("ConnectionStrings:Registry is not set.");
        var instance = InstanceName();
        builder.Services.AddNpgsqlDataSource(Tuned(builder, connectionString, instance));
        var writes = new NpgsqlConnectionStringBuilder(Tuned(builder, connectionString, instance, write: true));
        builder.Services.AddKeyedSingleton(Writes, (_, _) => NpgsqlDataSource.Create(writes.ConnectionString));
        // A PostgreSQL read replica for the public reads (README "Scaling").
        if (builder.Configuration.GetConnectionString("RegistryReplica") is { Length: > 0 } replica)
            builder.Services.AddNpgsqlDataSource(Tuned(builder, replica, instance), serviceKey: ProjectionsExtensions.ReplicaKey);
        // Long statements that are not serving a request (the open-data export's COPY of the whole registry): same
        // server and credentials, no statement time-out, a pool of their own.
        var longRunning = new NpgsqlConnectionStringBuilder(Tuned(builder, connectionString, instance)) { CommandTimeout = 0, MaxPoolSize = 4 };
        builder.Services.AddKeyedSingleton(LongRunning, (_, _) => NpgsqlDataSource.Create(longRunning.ConnectionString));
        builder.Services.AddSingleton<Features.Health.ReadinessProbe>();
    }

    /// <summary>Settings of every session the registry opens (see <see cref="Tuned"/>).</summary>
    public const string SessionSettings = "-c jit=off -c max_parallel_workers_per_gather=0 -c work_mem=16MB";

    static string Tuned(WebApplicationBuilder builder, string connectionString, string instance, bool write = false)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        // The registry's statements are short index reads; JIT compiling them costs more (~30 ms) than it saves, and so
        // does starting parallel workers (measured: a walk to a broad query's 200th match planned in parallel took 150 ms
        // of 180 to start and gather its workers, 25 ms alone). A search for an unfinished common word collects its
        // matches in one bitmap, which turns lossy (re-reading whole pages) past work_mem: 16 MB holds a million matches exactly.
        settings.Options = $"{settings.Options} {SessionSettings}".Trim();
        settings.ApplicationName = instance;
        // A frozen server must not hold a request longer than its time-out (see Outages). Cancelling a command cannot
        // reach a frozen server, so connecting gives up after 2 s and, while serving, each statement after the read
        // time-out (writes: the write time-out) — the registry's statements take milliseconds. One-shot commands (make seed-large,
        // make reindex) keep Npgsql's defaults; a connection string's own values win.
        var maintenance = builder.Configuration["SeedLarge"] is not null || builder.Configuration.GetValue("Reindex", false);
        if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"(^|;)\s*Timeout\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            settings.Timeout = 2;
        if (!maintenance && !connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase))
        {
            var timeouts = builder.Configuration.GetSection("Timeouts").Get<RequestTimeoutOptions>() ?? new RequestTimeoutOptions();
            settings.CommandTimeout = Math.Max(1, (int)Math.Ceiling((write ? timeouts.Writes : timeouts.Reads).TotalSeconds));
        }
        // After a time-out, do not wait for a frozen server to acknowledge the cancellation: drop the connection.
        if (!connectionString.Contains("Cancellation Timeout", StringComparison.OrdinalIgnoreCase)) settings.CancellationTimeout = -1;
        return settings.ConnectionString;
    }

    /// <summary>Every session of this instance carries its name (pg_stat_activity.application_name), so the database can
    /// tell instances apart: which one holds a projector's lock, and who "this instance" is in /health/ready. The random
    /// part comes first because PostgreSQL cuts names at 63 bytes.</summary>
    static string InstanceName()
    {
        var name = $"registry {Guid.NewGuid().ToString("N")[..8]} {Environment.MachineName}:{Environment.ProcessId}";
        return name.Length <= 63 ? name : name[..63];
    }

    public static Task MigrateDatabaseAsync(this WebApplication app)
    {
        // Migrations may build indexes over millions of rows: no statement time-out for them.
        var connectionString = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString) { CommandTimeout = 0 }.ConnectionString;
        Migrate(connectionString, app.Logger);
        return Task.CompletedTask;
    }

    /// <summary>The write model's migrations (api/Migrations) and the read model's (projections/Migrations), each owned
    /// by its side, applied together in file-name order, each once.</summary>
    public static IReadOnlyList<SqlScript> Scripts() =>
    [
        .. new[] { typeof(Database).Assembly, typeof(ProjectionsExtensions).Assembly }
            .SelectMany(assembly => assembly.GetManifestResourceNames()
                .Where(name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
                .Select(name => new SqlScript(FileName(name), Read(assembly, name))))
            .OrderBy(script => script.Name, StringComparer.Ordinal),
    ];

    /// <summary>Creates the database if needed and applies the migrations not yet journaled. Instances starting together
    /// take turns under an advisory lock: the first migrates, the others find nothing left to do.</summary>
    public static void Migrate(string connectionString, ILogger? logger = null)
    {
        EnsureDatabaseExists(connectionString);
        using var guard = new NpgsqlConnection(connectionString);
        guard.Open();
        using (var lockCommand = new NpgsqlCommand($"select pg_advisory_lock({MigrationLock})", guard)) lockCommand.ExecuteNonQuery();
        try
        {
            RenameJournalEntries(connectionString);
            var result = DeployChanges.To.PostgresqlDatabase(connectionString)
                .WithScripts(Scripts())
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build()
                .PerformUpgrade();
            if (!result.Successful)
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
            foreach (var script in result.Scripts) logger?.LogInformation("Applied migration {Script}", script.Name);
        }
        finally
        {
            using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({MigrationLock})", guard);
            unlock.ExecuteNonQuery();
        }
    }

    /// <summary>Two instances may both find the database missing; the one whose CREATE DATABASE loses has nothing to do.</summary>
    static void EnsureDatabaseExists(string connectionString)
    {
        try
        {
            EnsureDatabase.For.PostgresqlDatabase(connectionString);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    /// <summary>Scripts used to be journaled under their resource name ("Registry.Api.Migrations.0002_read_model.sql");
    /// they are journaled by file name now that two assemblies hold them.</summary>
    static void RenameJournalEntries(string connectionString)
    {
        using var conn = new NpgsqlConnection(connectionString);
        conn.Open();
        using var cmd = new NpgsqlCommand("""
            do $$ begin
              if to_regclass('public.schemaversions') is not null then
                update public.schemaversions set scriptname = regexp_replace(scriptname, '^Registry\.Api\.Migrations\.', '')
                where scriptname like 'Registry.Api.Migrations.%';
              end if;
            end $$;
            """, conn);
        cmd.ExecuteNonQuery();
    }

    static string FileName(string resource)
    {
        var withoutExtension = resource[..^".sql".Length];
        return withoutExtension[(withoutExtension.LastIndexOf('.') + 1)..] + ".sql";
    }

    static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
