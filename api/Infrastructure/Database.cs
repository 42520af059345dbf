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
        builder.Services.AddNpgsqlDataSource(withoutJit.ConnectionString);
    }

    public static Task MigrateDatabaseAsync(this WebApplication app)
    {
        var connectionString = app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString;
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
