using Npgsql;
using Registry.Api.DemoData;

namespace Registry.Api.Infrastructure;

/// <summary>One-shot commands run by the same binary after migrations, instead of serving:
/// <c>--MigrateOnly=true</c> (make migrate) and <c>--SeedLarge=N</c> (make seed-large).</summary>
public static class MaintenanceCommands
{
    public static async Task<bool> RunMaintenanceCommandAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("MigrateOnly", false)) return true;
        if (app.Configuration.GetValue<int?>("SeedLarge") is { } count)
        {
            await LargeDataSet.LoadAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), count, Console.Out, app.Lifetime.ApplicationStopping);
            return true;
        }
        return false;
    }
}
