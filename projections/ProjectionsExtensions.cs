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
    /// <summary>The keyed NpgsqlDataSource of a PostgreSQL read replica (ConnectionStrings:RegistryReplica), when the host
    /// registers one: public reads then go there, and everything else (writes, projectors, readiness) to the primary.</summary>
    public const string ReplicaKey = "registry-replica";

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
        builder.Services.AddSingleton<PostgresDocumentProjector>();
        builder.Services.AddSingleton(sp => new ProjectorDaemon(
            sp.GetRequiredService<PostgresDocumentProjector>(), sp.GetRequiredService<NpgsqlDataSource>(), projector,
            sp.GetRequiredService<ILogger<ProjectorDaemon>>()));
        if (builder.Configuration.GetValue("Projections:Enabled", true))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ProjectorDaemon>());
            builder.Services.AddHostedService<BroadWordPairs>();
        }
        var indexing = builder.AddElasticsearchIndexing(projector);

        var cacheOptions = builder.Configuration.GetSection("ReadCache").Get<ReadCacheOptions>() ?? new ReadCacheOptions();
        builder.Services.AddSingleton(cacheOptions);
        builder.Services.AddSingleton(new ReadModelCache(cacheOptions));
        var replica = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("RegistryReplica"));
        Func<IServiceProvider, NpgsqlDataSource> readSide = replica
            ? sp => sp.GetRequiredKeyedService<NpgsqlDataSource>(ReplicaKey)
            : sp => sp.GetRequiredService<NpgsqlDataSource>();
        builder.Services.AddSingleton<IChangeFeedQuery>(sp => new PostgresChangeFeedQuery(readSide(sp)));
        switch (search.Provider)
        {
            case SearchOptions.Postgres:
                AddPostgresQueries(builder.Services, cacheOptions, readSide, replica);
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

    /// <summary>Lookups and search pages through a cache kept exact (ReadCache:Enabled, on by default) by the projector's
    /// notices, or, reading from a replica, by the replica's change feed. Elasticsearch refreshes on its own schedule, so
    /// a projector notice would not mean a change is searchable there: only the PostgreSQL backend is cached.</summary>
    static void AddPostgresQueries(IServiceCollection services, ReadCacheOptions cache, Func<IServiceProvider, NpgsqlDataSource> readSide, bool replica)
    {
        services.AddSingleton(sp => new PostgresVerifyQuery(readSide(sp)));
        services.AddSingleton(sp => new PostgresSearchQuery(readSide(sp)));
        services.AddSingleton<IOrganisationQuery>(sp => new PostgresOrganisationQuery(readSide(sp)));
        if (!cache.Enabled)
        {
            services.AddSingleton<IVerifyQuery>(sp => sp.GetRequiredService<PostgresVerifyQuery>());
            services.AddSingleton<ISearchQuery>(sp => new ReadAgainSearchQuery(sp.GetRequiredService<PostgresSearchQuery>()));
            return;
        }
        if (replica)
            services.AddHostedService(sp => new ChangeFeedFollower(sp.GetRequiredService<ReadModelCache>(), readSide(sp), cache,
                sp.GetRequiredService<ILogger<ChangeFeedFollower>>()));
        else
            services.AddHostedService<ReadModelChangeListener>();
        services.AddSingleton<IVerifyQuery>(sp => new CachedVerifyQuery(sp.GetRequiredService<PostgresVerifyQuery>(), sp.GetRequiredService<ReadModelCache>(), sp.GetRequiredService<RegistryMetrics>()));
        services.AddSingleton<ISearchQuery>(sp => new ReadAgainSearchQuery(
            new CachedSearchQuery(sp.GetRequiredService<PostgresSearchQuery>(), sp.GetRequiredService<ReadModelCache>(), sp.GetRequiredService<RegistryMetrics>())));
    }
}
