using System.Globalization;
using Mapster;
using Registry.Projections.Elasticsearch;
using Registry.Projections.Public;
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
            .Map(h => h.HolderFormerNames, d => FormerNames(d.PublicJson))
            // Which reading of the query found the hit is the query's to say, not the document's.
            .Ignore(h => h.Match);
        return config;
    }

    static IReadOnlyList<string> FormerNames(string? publicJson) => publicJson is null ? [] : PublicView.FromJson(publicJson).Holder?.FormerNames ?? [];
}
