using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Outbox;
using Registry.Projections.Postgres;
using Registry.Projections.Queries;

namespace Registry.Projections;

public sealed class SearchOptions
{
    public const string Postgres = "Postgres";
    public const string Elasticsearch = "Elasticsearch";
    public string Provider { get; set; } = Postgres;
}

public static class ProjectionsExtensions
{
    /// <summary>Read side: the query services the public endpoints use, and (unless Projections:Enabled is false) the
    /// projector daemons hosted in this process.</summary>
    public static void AddRegistryProjections(this IHostApplicationBuilder builder)
    {
        DapperTypes.Register();
        var search = builder.Configuration.GetSection("Search").Get<SearchOptions>() ?? new SearchOptions();
        if (search.Provider is not (SearchOptions.Postgres or SearchOptions.Elasticsearch))
            throw new InvalidOperationException($"Search:Provider must be {SearchOptions.Postgres} or {SearchOptions.Elasticsearch}, not '{search.Provider}'.");
        var projector = builder.Configuration.GetSection("Projections").Get<ProjectorOptions>() ?? new ProjectorOptions();

        builder.Services.AddSingleton(projector);
        builder.Services.AddSingleton<ProjectionStatus>();
        builder.Services.AddSingleton<IVerifyQuery, PostgresVerifyQuery>();
        builder.Services.AddSingleton<ISearchQuery, PostgresSearchQuery>();
        builder.Services.AddSingleton<IOrganisationQuery, PostgresOrganisationQuery>();
        builder.Services.AddSingleton<IChangeFeedQuery, PostgresChangeFeedQuery>();
        builder.Services.AddSingleton<PostgresDocumentProjector>();
        builder.Services.AddSingleton(sp => new ProjectorDaemon(
            sp.GetRequiredService<PostgresDocumentProjector>(), sp.GetRequiredService<NpgsqlDataSource>(), projector,
            sp.GetRequiredService<ILogger<ProjectorDaemon>>()));
        if (builder.Configuration.GetValue("Projections:Enabled", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ProjectorDaemon>());
        builder.AddElasticsearchReadSide(search, projector);
    }
}
