using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using StreamPortal.Wcs;

namespace StreamPortal.Rules;

/// <summary>What WCS is told for one method inside restClientConfig (wcs-hooks.md). Omitted members take WCS's defaults.</summary>
public sealed record MethodPolicy
{
    public string RestOnError { get; init; } = "LOG";
    public string RestPolicy { get; init; } = "NOTIFY";
    public string RestOverwrite { get; init; } = "";
    public string RestExclude { get; init; } = "";
    public string ClientExclude { get; init; } = "";

    public static readonly MethodPolicy WcsDefault = new();
    public static readonly IReadOnlyList<string> OnErrorValues = ["LOG", "FAIL"];
    public static readonly IReadOnlyList<string> PolicyValues = ["NOTIFY", "OVERWRITE", "DISABLE"];

    /// <summary>
    /// For the console and the effect predictor only: restClientConfig is answered to WCS and stored from this record,
    /// and WCS documents exactly the five members above, so a computed one must never reach the JSON.
    /// </summary>
    [JsonIgnore]
    public bool Fails => RestOnError == "FAIL";
}

/// <summary>The body of PUT /api/apps/{appKey}/connect-policy.</summary>
public sealed record ConnectPolicyInput
{
    public Dictionary<string, MethodPolicy?>? RestClientConfig { get; init; }
}

/// <summary>GET answer: the policy in force for an appKey and where it comes from (app, default or none).</summary>
public sealed record ConnectPolicyView(string AppKey, string Source, IReadOnlyDictionary<string, MethodPolicy> RestClientConfig, DateTimeOffset? UpdatedAt);

public static class ConnectPolicies
{
    public const string DefaultKey = "default";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Dictionary<string, string[]> Validate(string appKey, ConnectPolicyInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string k, string m) => errors[k] = errors.TryGetValue(k, out var e) ? [.. e, m] : [m];
        if (string.IsNullOrWhiteSpace(appKey) || appKey.Length > 200) Add("appKey", "The appKey must be 1 to 200 characters.");
        if (input.RestClientConfig is null) { Add("restClientConfig", "restClientConfig is required (an object keyed by method name; {} for none)."); return errors; }
        foreach (var (method, policy) in input.RestClientConfig)
        {
            var at = $"restClientConfig.{method}";
            if (!HookCatalogue.IsKnown(method)) Add(at, $"'{method}' is not a WCS hook method (see the hook catalogue).");
            if (policy is null) { Add(at, "The method's policy must be an object."); continue; }
            if (!MethodPolicy.OnErrorValues.Contains(policy.RestOnError)) Add($"{at}.restOnError", $"'{policy.RestOnError}' is not LOG or FAIL.");
            if (!MethodPolicy.PolicyValues.Contains(policy.RestPolicy)) Add($"{at}.restPolicy", $"'{policy.RestPolicy}' is not NOTIFY, OVERWRITE or DISABLE.");
            CheckList(policy.RestOverwrite, $"{at}.restOverwrite");
            CheckList(policy.RestExclude, $"{at}.restExclude");
            CheckList(policy.ClientExclude, $"{at}.clientExclude");
        }
        return errors;

        void CheckList(string? list, string at)
        {
            if (list is null) Add(at, "Must be a string (comma-separated field names, or empty).");
            else if (list.Any(c => char.IsWhiteSpace(c) && c != ' ')) Add(at, "Field names are separated by commas on one line.");
        }
    }

    /// <summary>Stored and answered form: every member written, methods in the order given.</summary>
    public static string Serialize(IReadOnlyDictionary<string, MethodPolicy> config) => JsonSerializer.Serialize(config, Json);

    public static IReadOnlyDictionary<string, MethodPolicy> Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, MethodPolicy>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, MethodPolicy>();
        }
    }

    /// <summary>The config to store (field lists tidied) when the input has no error; else every error.</summary>
    public static bool TryValidate(string appKey, ConnectPolicyInput input,
        [NotNullWhen(true)] out Dictionary<string, MethodPolicy>? config, out Dictionary<string, string[]> errors)
    {
        errors = Validate(appKey, input);
        config = null;
        if (errors.Count > 0 || input.RestClientConfig is not { } given) return false;
        config = new Dictionary<string, MethodPolicy>(StringComparer.Ordinal);
        foreach (var (method, policy) in given)
        {
            if (policy is null) continue;
            config[method] = policy with
            {
                RestOverwrite = Tidy(policy.RestOverwrite),
                RestExclude = Tidy(policy.RestExclude),
                ClientExclude = Tidy(policy.ClientExclude),
            };
        }
        return true;
    }

    private static string Tidy(string list) =>
        string.Join(',', list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
