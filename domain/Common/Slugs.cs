using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Registry.Domain.Common;

/// <summary>
/// The one spelling of a domain enum outside C# — in URLs, SQL rows, events, JSON and the read model:
/// kebab-case of the member name (FireEquipmentConclusion → "fire-equipment-conclusion", UnderReview → "under-review").
/// </summary>
public static class Slugs
{
    public static string Slug<T>(this T value) where T : struct, Enum =>
        Table<T>.ToSlug.TryGetValue(value, out var slug) ? slug : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    /// <summary>Case-insensitive; only names, never numbers.</summary>
    public static bool TryParse<T>(string? slug, out T value) where T : struct, Enum
    {
        value = default;
        return slug is not null && Table<T>.FromSlug.TryGetValue(slug, out value);
    }

    public static T Parse<T>(string slug) where T : struct, Enum =>
        TryParse<T>(slug, out var value) ? value : throw new FormatException($"'{slug}' is not one of {string.Join(", ", All<T>())}.");

    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Table<T>.Ordered;

    static class Table<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ToSlug =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, T> FromSlug =
            ToSlug.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

        public static readonly IReadOnlyList<string> Ordered = [.. Enum.GetValues<T>().Select(v => ToSlug[v])];
    }
}

/// <summary>Domain enums travel as their slugs in JSON; numbers are refused.</summary>
public sealed class SlugJsonConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where T : struct, Enum;
