using System.Text.Json.Serialization;

namespace StreamPortal.Rules;

/// <summary>Written with the names of <see cref="BodyModes"/>, so a stored or answered rule reads "mirror", not 0.</summary>
public enum AnswerBodyMode
{
    [JsonStringEnumMemberName(BodyModes.Mirror)] Mirror,
    [JsonStringEnumMemberName(BodyModes.Overrides)] Overrides,
    [JsonStringEnumMemberName(BodyModes.Custom)] Custom,
    [JsonStringEnumMemberName(BodyModes.Empty)] Empty,
}

/// <summary>The answer body modes as the JSON spells them (<see cref="AnswerBodyMode"/> in the normalised rule).</summary>
public static class BodyModes
{
    public const string Mirror = "mirror";
    public const string Overrides = "overrides";
    public const string Custom = "custom";
    public const string Empty = "empty";
    public static readonly IReadOnlyList<string> All = [Mirror, Overrides, Custom, Empty];

    public static AnswerBodyMode? Parse(string? mode) => mode switch
    {
        Mirror => AnswerBodyMode.Mirror,
        Overrides => AnswerBodyMode.Overrides,
        Custom => AnswerBodyMode.Custom,
        Empty => AnswerBodyMode.Empty,
        _ => null,
    };

    public static string Name(AnswerBodyMode mode) => mode switch
    {
        AnswerBodyMode.Overrides => Overrides,
        AnswerBodyMode.Custom => Custom,
        AnswerBodyMode.Empty => Empty,
        _ => Mirror,
    };
}
