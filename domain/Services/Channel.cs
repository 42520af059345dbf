using System.Text.Json.Serialization;
using Registry.Domain.Common;

namespace Registry.Domain.Services;

/// <summary>Where an application is handed in: the Committee office, a Public Service Centre, or the e-government portal.</summary>
[JsonConverter(typeof(SlugJsonConverter<Channel>))]
public enum Channel
{
    Committee,
    Centre,
    Portal,
}
