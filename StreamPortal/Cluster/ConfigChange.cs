using System.Text.Json;
using System.Text.Json.Serialization;

namespace StreamPortal.Cluster;

/// <summary>
/// One message on the cluster's "config" channel: which snapshot changed (<see cref="Topic"/>), about what
/// (<see cref="Subject"/>, <see cref="Client"/>: only for the topics that say so), from which instance
/// (the origin, so that the sender, which has reloaded already, skips its own message). It carries no
/// configuration itself: the receiver reads the committed state from the database, so a message lost or reordered
/// never leaves a wrong value behind, only a late one.
/// </summary>
public sealed record ConfigChange(ConfigTopic Topic, string? Subject = null, string? Client = null)
{
    /// <summary>Longer messages are not ours (user names are at most 100 characters, addresses are short).</summary>
    public const int MaxMessageBytes = 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter<ConfigTopic>(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Format(string origin) => JsonSerializer.Serialize(new Wire(origin, Topic, Subject, Client), Json);

    /// <summary>Reads a message; false for anything malformed, oversized or naming a topic outside <see cref="ConfigTopic"/>.</summary>
    public static bool TryParse(string? text, out ConfigChange change, out string origin)
    {
        change = new ConfigChange(ConfigTopic.Rules);
        origin = "";
        if (string.IsNullOrEmpty(text) || text.Length > MaxMessageBytes) return false;
        Wire? wire;
        try { wire = JsonSerializer.Deserialize<Wire>(text, Json); }
        catch (JsonException) { return false; }
        if (wire is not { Origin.Length: > 0, Topic: { } topic } || !Enum.IsDefined(topic)) return false;
        if (NeedsSubject(topic) && string.IsNullOrEmpty(wire.Subject)) return false;
        if (topic == ConfigTopic.UserLockedOut && string.IsNullOrEmpty(wire.Client)) return false;
        if (topic == ConfigTopic.RuleCountersReset && !long.TryParse(wire.Subject, out _)) return false;
        change = new ConfigChange(topic, wire.Subject, wire.Client);
        origin = wire.Origin;
        return true;
    }

    private static bool NeedsSubject(ConfigTopic topic) => topic is ConfigTopic.RuleCountersReset or ConfigTopic.Users
        or ConfigTopic.UserPasswordSet or ConfigTopic.UserLockedOut;

    private sealed record Wire(string Origin, ConfigTopic? Topic, string? Subject, string? Client);
}
