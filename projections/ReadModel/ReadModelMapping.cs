using System.Globalization;
using Mapster;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Queries;

namespace Registry.Projections.ReadModel;

/// <summary>
/// The read side's same-named copies — the read row into the Elasticsearch document, and stored rows into search hits —
/// mapped by name. Every destination member must have a source (a test compiles the configuration), so a field added
/// to one shape and forgotten in another fails the build's tests instead of reaching the public as a blank.
/// </summary>
public static class ReadModelMapping
{
    const string IsoDate = "yyyy-MM-dd";

    public static readonly TypeAdapterConfig Config = Create();

    public static TDestination Map<TDestination>(this object source) => source.Adapt<TDestination>(Config);

    static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        config.NewConfig<DocumentReadRow, RegistryIndexDocument>()
            .Map(d => d.IssuedOn, r => r.IssuedOn.ToString(IsoDate, CultureInfo.InvariantCulture))
            .Map(d => d.ValidUntil, r => r.ValidUntil == null ? null : r.ValidUntil.Value.ToString(IsoDate, CultureInfo.InvariantCulture));
        config.NewConfig<RegistryIndexDocument, SearchHit>()
            .Map(h => h.IssuedOn, d => DateOnly.ParseExact(d.IssuedOn, IsoDate, CultureInfo.InvariantCulture))
            .Map(h => h.ValidUntil, d => d.ValidUntil == null ? (DateOnly?)null : DateOnly.ParseExact(d.ValidUntil, IsoDate, CultureInfo.InvariantCulture))
            // Elasticsearch relevance scores are not comparable across queries, so every hit scores 1.
            .Map(h => h.Score, _ => 1d);
        return config;
    }
}
