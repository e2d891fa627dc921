using System.Text.Json.Nodes;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Hosting;

/// <summary>
/// deploy/runtime.env holds the runtime settings every deployment starts the portal with that the runtime reads only
/// from the environment; launchSettings.json repeats them for <c>dotnet run</c>, and must not drift. Settings the
/// runtime also reads from StreamPortal.runtimeconfig.json are written there by the project file instead.
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

    [Fact]
    public void The_portal_runs_with_thread_pool_spinning_off()
    {
        // The test project references the portal, so its runtimeconfig.json (what `dotnet StreamPortal.dll` reads) is
        // copied beside the tests.
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StreamPortal.runtimeconfig.json")))!;
        var spinLimit = config["runtimeOptions"]?["configProperties"]?["System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"];
        Assert.True(spinLimit is not null, "StreamPortal.runtimeconfig.json does not set the thread pool's spin limit");
        Assert.Equal(0, spinLimit.GetValue<int>());
    }
}
