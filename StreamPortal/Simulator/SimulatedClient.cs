using System.Text.Json;
using StreamPortal.Rules;

namespace StreamPortal.Simulator;

/// <summary>
/// A connected client as WCS keeps it: its session plan and the restClientConfig its connect answer carried, which
/// decides per method whether an error answer fails the operation, whether the hook is sent at all and which
/// fields it leaves out (docs/wcs-hooks.md, "restClientConfig").
/// </summary>
public sealed class SimulatedClient(PlannedSession plan, IReadOnlyDictionary<string, MethodPolicy> config)
{
    private const string DisablePolicy = "DISABLE";

    public PlannedSession Plan { get; } = plan;

    public IReadOnlyDictionary<string, MethodPolicy> Config { get; } = config;

    /// <summary>restOnError FAIL for this method: an error answer fails the operation (or sends the client an ErrorEvent).</summary>
    public bool Fails(string method) => Config.TryGetValue(method, out var policy) && policy?.Fails == true;

    /// <summary>restPolicy DISABLE: WCS does not call the backend for this method.</summary>
    public bool Skips(string method) => Config.TryGetValue(method, out var policy) && policy?.RestPolicy == DisablePolicy;

    /// <summary>restExclude: fields WCS leaves out of this method's body.</summary>
    public IEnumerable<string> Excluded(string method) =>
        Config.TryGetValue(method, out var policy) && policy?.RestExclude is { } exclude
            ? exclude.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    /// <summary>The restClientConfig of a connect answer (none, or not an object: WCS's defaults for every method).</summary>
    public static IReadOnlyDictionary<string, MethodPolicy> ConfigOf(string? answer)
    {
        if (string.IsNullOrEmpty(answer)) return new Dictionary<string, MethodPolicy>();
        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("restClientConfig", out var config) && config.ValueKind == JsonValueKind.Object
                ? ConnectPolicies.Parse(config.GetRawText())
                : new Dictionary<string, MethodPolicy>();
        }
        catch (JsonException)
        {
            return new Dictionary<string, MethodPolicy>();
        }
    }
}
