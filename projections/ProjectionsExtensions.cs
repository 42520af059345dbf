using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Caching;
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
        builder.Services.AddSingleton<PostgresVerifyQuery>();
        builder.Services.AddSingleton<PostgresSearchQuery>();
        AddReadModelCache(builder, search);
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

    /// <summary>The PostgreSQL backend's lookups and search pages through a cache that the projector's notices keep
    /// exact (ReadCache:Enabled, on by default). The Elasticsearch backend refreshes on its own schedule and is not cached.</summary>
    static void AddReadModelCache(IHostApplicationBuilder builder, SearchOptions search)
    {
        var options = builder.Configuration.GetSection("ReadCache").Get<ReadCacheOptions>() ?? new ReadCacheOptions();
        var cache = new ReadModelCache(options);
        builder.Services.AddSingleton(cache);
        if (!options.Enabled || search.Provider != SearchOptions.Postgres)
        {
            builder.Services.AddSingleton<IVerifyQuery>(sp => sp.GetRequiredService<PostgresVerifyQuery>());
            builder.Services.AddSingleton<ISearchQuery>(sp => sp.GetRequiredService<PostgresSearchQuery>());
            return;
        }
        builder.Services.AddHostedService<ReadModelChangeListener>();
        builder.Services.AddSingleton<IVerifyQuery>(sp => new CachedVerifyQuery(sp.GetRequiredService<PostgresVerifyQuery>(), cache));
        builder.Services.AddSingleton<ISearchQuery>(sp => new CachedSearchQuery(sp.GetRequiredService<PostgresSearchQuery>(), cache));
    }
}
