using System.Text.Json.Nodes;

namespace StreamPortal.Tests.Shared;

/// <summary>The shared WCS fixtures (../shared/fixtures), found from the test's output folder upwards.</summary>
public static class Fixtures
{
    public static string LifecycleFolder => Path.Combine(SharedFolder, "fixtures", "wcs-lifecycle");

    public static string SharedFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
                if (Directory.Exists(candidate)) return Path.Combine(dir.FullName, "shared");
                var sibling = Path.Combine(dir.FullName, "..", "shared", "fixtures");
                if (Directory.Exists(sibling)) return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
            throw new DirectoryNotFoundException("shared/fixtures not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The lifecycle hooks in order: file name, method and body.</summary>
    public static IReadOnlyList<(string File, string Method, JsonObject Body)> Lifecycle() =>
        Directory.GetFiles(LifecycleFolder, "*.json").Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                return (Path.GetFileName(path), doc["method"]!.GetValue<string>(), doc["body"]!.AsObject());
            })
            .ToList();

    public static JsonObject Body(string fileName) =>
        Lifecycle().Single(h => h.File == fileName).Body.DeepClone().AsObject();
}
