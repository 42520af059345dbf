using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Registry.Domain.Common;

namespace Registry.Api.Infrastructure;

/// <summary>
/// Checks every endpoint's arguments — route values, query parameters and request bodies, however deep — before the
/// handler runs, so no endpoint (present or future) can pass PostgreSQL a value it refuses: text with a NUL character
/// or a broken UTF-16 surrogate, or a date outside <see cref="RecordDates"/>. The answer is a 400 naming each field.
/// </summary>
public static class InputGuard
{
    static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Required)[]> Properties = new();

    public static TBuilder GuardInput<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var parameters = factory.MethodInfo.GetParameters();
            if (!parameters.Any(p => NeedsCheck(p.ParameterType))) return next;
            var names = parameters.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name ?? "value")).ToArray();
            return async context =>
            {
                var errors = new Dictionary<string, string[]>();
                for (var i = 0; i < context.Arguments.Count && i < names.Length; i++) Check(context.Arguments[i], names[i], errors, depth: 0, root: true);
                return errors.Count > 0 ? TypedResults.ValidationProblem(errors, type: ProblemTypes.Validation) : await next(context);
            };
        });

    static bool NeedsCheck(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type == typeof(DateOnly) || IsRequestShape(type);
    }

    /// <summary>The registry's own request records (services taken by handlers are classes, and are never walked).</summary>
    static bool IsRequestShape(Type type) =>
        type.Namespace?.StartsWith("Registry.", StringComparison.Ordinal) == true && type.GetMethod("<Clone>$") is not null;

    static void Check(object? value, string path, Dictionary<string, string[]> errors, int depth, bool root = false)
    {
        if (depth > 8) return;
        switch (value)
        {
            case null:
                return;
            case string text:
                if (!IsStorable(text)) errors[path] = ["Text must not contain NUL (U+0000) characters or broken UTF-16 surrogates."];
                return;
            case DateOnly date:
                if (!RecordDates.IsPlausible(date)) errors[path] = [RecordDates.Rule];
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is null) errors[$"{path}[{index}]"] = ["An entry cannot be null."];
                    else Check(item, $"{path}[{index}]", errors, depth + 1);
                    index++;
                }
                return;
        }
        var type = value.GetType();
        if (!IsRequestShape(type)) return;
        foreach (var (property, required) in Properties.GetOrAdd(type, Describe))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            // A request body's fields are named as in the JSON ("applicant.name"); the body parameter's own name is not.
            var field = root ? name : $"{path}.{name}";
            var fieldValue = property.GetValue(value);
            if (fieldValue is null && required) errors[field] = ["This field is required."];
            else Check(fieldValue, field, errors, depth + 1);
        }
    }

    /// <summary>A record's properties, and whether each is declared non-nullable (then null is "missing").</summary>
    /// <remarks>
    /// A context per call: <see cref="NullabilityInfoContext"/> caches in a plain dictionary, and concurrent first
    /// requests sharing one corrupted it for good (every later submit answered 500).
    /// </remarks>
    static (PropertyInfo, bool)[] Describe(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return
        [
            .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                .Select(p => (p, !p.PropertyType.IsValueType && nullability.Create(p).ReadState == NullabilityState.NotNull)),
        ];
    }

    /// <summary>False for text PostgreSQL cannot store: a NUL character, or a lone UTF-16 surrogate.</summary>
    public static bool IsStorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return false;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return false;
        }
        return true;
    }
}
