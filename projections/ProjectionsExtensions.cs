using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Caching;
using Registry.Projections.Diagnostics;
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
    /// <summary>Read side: the PostgreSQL read model (always built: it also serves the change feed), the Elasticsearch
    /// index when Elasticsearch:Url is set, the projector daemons (unless Projections:Enabled is false), and the query
    /// services of the backend Search:Provider names.</summary>
    public static void AddRegistryProjections(this IHostApplicationBuilder builder)
    {
        DapperTypes.Register();
        var search = builder.Configuration.GetSection("Search").Get<SearchOptions>() ?? new SearchOptions();
        var projector = builder.Configuration.GetSection("Projections").Get<ProjectorOptions>() ?? new ProjectorOptions();

        builder.Services.AddSingleton(projector);
        builder.Services.AddSingleton<ProjectionStatus>();
        builder.Services.AddSingleton<RegistryMetrics>();
        builder.Services.AddHostedService<ProjectionLagSampler>();
        builder.Services.AddSingleton<IChangeFeedQuery, PostgresChangeFeedQuery>();
        builder.Services.AddSingleton<PostgresDocumentProjector>();
        builder.Services.AddSingleton(sp => new ProjectorDaemon(
            sp.GetRequiredService<PostgresDocumentProjector>(), sp.GetRequiredService<NpgsqlDataSource>(), projector,
            sp.GetRequiredService<ILogger<ProjectorDaemon>>()));
        if (builder.Configuration.GetValue("Projections:Enabled", true))
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ProjectorDaemon>());
        var indexing = builder.AddElasticsearchIndexing(projector);

        var cacheOptions = builder.Configuration.GetSection("ReadCache").Get<ReadCacheOptions>() ?? new ReadCacheOptions();
        builder.Services.AddSingleton(new ReadModelCache(cacheOptions));
        switch (search.Provider)
        {
            case SearchOptions.Postgres:
                AddPostgresQueries(builder.Services, cacheOptions);
                break;
            case SearchOptions.Elasticsearch when indexing:
                builder.Services.AddElasticsearchQueries();
                break;
            case SearchOptions.Elasticsearch:
                throw new InvalidOperationException("Search:Provider is Elasticsearch but Elasticsearch:Url is not set.");
            default:
                throw new InvalidOperationException($"Search:Provider must be {SearchOptions.Postgres} or {SearchOptions.Elasticsearch}, not '{search.Provider}'.");
        }
    }

    /// <summary>Lookups and search pages through a cache that the projector's notices keep exact (ReadCache:Enabled, on by
    /// default). Elasticsearch refreshes on its own schedule, so a projector notice would not mean a change is searchable
    /// there: only the PostgreSQL backend is cached.</summary>
    static void AddPostgresQueries(IServiceCollection services, ReadCacheOptions cache)
    {
        services.AddSingleton<PostgresVerifyQuery>();
        services.AddSingleton<PostgresSearchQuery>();
        services.AddSingleton<IOrganisationQuery, PostgresOrganisationQuery>();
        if (!cache.Enabled)
        {
            services.AddSingleton<IVerifyQuery>(sp => sp.GetRequiredService<PostgresVerifyQuery>());
            services.AddSingleton<ISearchQuery>(sp => sp.GetRequiredService<PostgresSearchQuery>());
            return;
        }
        services.AddHostedService<ReadModelChangeListener>();
        services.AddSingleton<IVerifyQuery>(sp => new CachedVerifyQuery(sp.GetRequiredService<PostgresVerifyQuery>(), sp.GetRequiredService<ReadModelCache>(), sp.GetRequiredService<RegistryMetrics>()));
        services.AddSingleton<ISearchQuery>(sp => new CachedSearchQuery(sp.GetRequiredService<PostgresSearchQuery>(), sp.GetRequiredService<ReadModelCache>(), sp.GetRequiredService<RegistryMetrics>()));
    }
}
