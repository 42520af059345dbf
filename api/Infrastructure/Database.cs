using System.Reflection;
using DbUp;
using DbUp.Engine;
using Npgsql;
using Registry.Projections;

namespace Registry.Api.Infrastructure;

public static class Database
{
    public static void AddRegistryDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Registry")
            ?? throw new InvalidOperationException("ConnectionStrings:Registry is not set.");
        // The registry's statements are short index reads; JIT compiling them costs more (~30 ms) than it saves.
        var withoutJit = new NpgsqlConnectionStringBuilder(connectionString);
        withoutJit.Options = $"{withoutJit.Options} -c jit=off".Trim();
        // A frozen server must not hold a request longer than its time-out (see Outages). Cancelling a command cannot
        // reach a frozen server, so connecting gives up after 2 s and, while serving, each statement after the read
        // time-out — the registry's statements take milliseconds. One-shot commands (make seed-large,
        // make reindex) keep Npgsql's defaults; a connection string's own values win.
        var maintenance = builder.Configuration["SeedLarge"] is not null || builder.Configuration.GetValue("Reindex", false);
        if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"(^|;)\s*Timeout\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            withoutJit.Timeout = 2;
        if (!maintenance && !connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase))
        {
            var reads = builder.Configuration.GetSection("Timeouts").Get<RequestTimeoutOptions>()?.Reads ?? new RequestTimeoutOptions().Reads;
            withoutJit.CommandTimeout = Math.Max(1, (int)Math.Ceiling(reads.TotalSeconds));
        }
        // After a time-out, do not wait for a frozen server to acknowledge the cancellation: drop the connection.
        if (!connectionString.Contains("Cancellation Timeout", StringComparison.OrdinalIgnoreCase)) withoutJit.CancellationTimeout = -1;
        builder.Services.AddNpgsqlDataSource(withoutJit.ConnectionString);
        builder.Services.AddSingleton<Features.Health.ReadinessProbe>();
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

    /// <summary>Creates the database if needed and applies the migrations not yet journaled.</summary>
    public static void Migrate(string connectionString, ILogger? logger = null)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString);
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
