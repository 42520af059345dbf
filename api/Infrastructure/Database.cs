using System.Reflection;
using DbUp;
using Npgsql;

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

    /// <summary>Creates the database if needed and applies the embedded SQL migrations in name order, each once.</summary>
    public static void Migrate(string connectionString, ILogger? logger = null)
    {
        EnsureDatabase.For.PostgresqlDatabase(connectionString);
        var result = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(".Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed: {result.Error.Message}", result.Error);
        foreach (var script in result.Scripts) logger?.LogInformation("Applied migration {Script}", script.Name);
    }
}
