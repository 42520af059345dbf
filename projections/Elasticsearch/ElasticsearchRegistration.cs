using System.Runtime.CompilerServices;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Registry.Projections.Outbox;
using Registry.Projections.Queries;

namespace Registry.Projections.Elasticsearch;

public static class ElasticsearchRegistration
{
    /// <summary>With Elasticsearch:Url set: one client for the process, the index behind its alias, and the Elasticsearch
    /// projector with its own checkpoint. Returns whether Elasticsearch is configured.</summary>
    public static bool AddElasticsearchIndexing(this IHostApplicationBuilder builder, ProjectorOptions projector)
    {
        var options = builder.Configuration.GetSection("Elasticsearch").Get<ElasticsearchOptions>() ?? new ElasticsearchOptions();
        if (string.IsNullOrWhiteSpace(options.Url)) return false;
        AddIndexing(builder, options, projector);
        return true;
    }

    /// <summary>Apart from the check above so that a registry without Elasticsearch never loads the client: the JIT loads
    /// the types a method names when it compiles the method, and the client's assembly then stays mapped (2.4 MB
    /// resident, README "Memory").</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void AddIndexing(IHostApplicationBuilder builder, ElasticsearchOptions options, ProjectorOptions projector)
    {
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(_ => new ElasticsearchClient(Settings(options)));
        builder.Services.AddSingleton<RegistryIndex>();
        builder.Services.AddSingleton(sp => new ElasticsearchDocumentProjector(sp.GetRequiredService<ElasticsearchClient>(), options));
        builder.Services.AddSingleton<ElasticsearchRebuild>();
        if (builder.Configuration.GetValue("Projections:Enabled", true))
        {
            builder.Services.AddHostedService<ElasticsearchIndexInitializer>();
            // Not AddHostedService: that would fold this into the PostgreSQL projector's registration of the same type.
            builder.Services.AddSingleton<IHostedService>(sp => new ProjectorDaemon(sp.GetRequiredService<ElasticsearchDocumentProjector>(),
                sp.GetRequiredService<NpgsqlDataSource>(), projector, sp.GetRequiredService<ILogger<ProjectorDaemon>>()));
        }
    }

    /// <summary>Verify, search and organisation lookups answered by Elasticsearch (Search:Provider = Elasticsearch).</summary>
    public static void AddElasticsearchQueries(this IServiceCollection services)
    {
        services.AddSingleton<IVerifyQuery, ElasticsearchVerifyQuery>();
        services.AddSingleton<ElasticsearchSearchQuery>();
        services.AddSingleton<ISearchQuery>(sp => new ReadAgainSearchQuery(sp.GetRequiredService<ElasticsearchSearchQuery>()));
        services.AddSingleton<IOrganisationQuery, ElasticsearchOrganisationQuery>();
    }

    public static ElasticsearchClientSettings Settings(ElasticsearchOptions options)
    {
        var settings = new ElasticsearchClientSettings(new Uri(options.Url!)).DefaultIndex(options.Alias);
        if (!string.IsNullOrEmpty(options.ApiKey)) settings = settings.Authentication(new ApiKey(options.ApiKey));
        else if (!string.IsNullOrEmpty(options.Username)) settings = settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        return settings;
    }
}
