using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

[JsonConverter(typeof(SlugJsonConverter<DeliveryMethod>))]
public enum DeliveryMethod
{
    /// <summary>Handed over at the Committee office, to the applicant or a representative with a power of attorney.</summary>
    InPerson,

    /// <summary>Posted to the address in the application (services 4–6 only).</summary>
    Post,

    /// <summary>At the Centre's "window", against the receipt, at the time it states.</summary>
    CentreWindow,

    /// <summary>Into the applicant's personal cabinet on the portal.</summary>
    PersonalCabinet,
}

/// <summary>How a result (or the refusal) reaches an applicant who applied on <see cref="Channel"/> (para 15).</summary>
public sealed record DeliveryOption(Channel Channel, DeliveryMethod Method, Text Description, SeedRef Seed);
