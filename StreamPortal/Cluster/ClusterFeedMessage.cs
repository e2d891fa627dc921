using System.Text.Json;
using System.Text.Json.Serialization;
using StreamPortal.Live;

namespace StreamPortal.Cluster;

/// <summary>
/// What one instance tells the others about batches it committed: the events' summaries (never a body) and the stream
/// and session keys whose projections changed. Several committed batches may travel as one message.
/// </summary>
/// <param name="Origin">This process's random id: an instance hears its own messages too and skips them by it (names
/// alone could collide when two instances are misconfigured with the same one).</param>
/// <param name="Instance">The sending instance's name, for logs.</param>
public sealed record ClusterFeedMessage(
    string Origin,
    string Instance,
    IReadOnlyList<EventSummary> Events,
    IReadOnlyCollection<string> StreamIds,
    IReadOnlyCollection<string> SessionIds)
{
    /// <summary>A message larger than this is not read (a batch of summaries is a few hundred KB at most).</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, ClusterFeedJson.Default.ClusterFeedMessage);

    /// <summary>The message, or null for one that is too large or not a feed message.</summary>
    public static ClusterFeedMessage? FromUtf8(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes) return null;
        try
        {
            return JsonSerializer.Deserialize(utf8, ClusterFeedJson.Default.ClusterFeedMessage) is { Origin: not null, Events: not null, StreamIds: not null, SessionIds: not null } message
                ? message : null;
        }
        catch (JsonException) { return null; }
    }

    /// <summary>The batch as this instance's feed publishes it: marked remote.</summary>
    public CommittedBatch ToBatch() => new(Events, StreamIds, SessionIds) { Remote = true };
}

/// <summary>
/// Source-generated JSON of <see cref="ClusterFeedMessage"/>: no reflection on the path of every committed batch.
/// Defaults (nulls, zeros, false) are left out, which roughly halves a summary.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ClusterFeedMessage))]
internal sealed partial class ClusterFeedJson : JsonSerializerContext;
