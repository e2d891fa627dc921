using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hosting;

/// <summary>
/// deploy/runtime.env holds the runtime settings every deployment starts the portal with (the runtime reads them only
/// from the environment); launchSettings.json repeats them for <c>dotnet run</c>, and must not drift.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void Every_dotnet_run_profile_sets_what_runtime_env_sets()
    {
        var root = Repository.Root();
        var settings = File.ReadAllLines(Path.Combine(root, "deploy", "runtime.env"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Contains("DOTNET_GCgen0size", settings.Keys);

        var launch = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "StreamPortal", "Properties", "launchSettings.json")))!;
        var profiles = launch["profiles"]!.AsObject();
        Assert.NotEmpty(profiles);
        foreach (var (name, profile) in profiles)
            foreach (var (key, value) in settings)
                Assert.True(profile!["environmentVariables"]?[key]?.GetValue<string>() == value, $"profile {name} does not set {key}={value}");
    }
}
