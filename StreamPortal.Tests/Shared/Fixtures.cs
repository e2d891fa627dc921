using System.Text.Json.Nodes;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// The repository's WCS fixtures (<c>fixtures/</c> at the root, see its README), copied beside the test assembly by
/// the test project, so a clone of the repository alone has everything the tests read.
/// </summary>
public static class Fixtures
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string LifecycleFolder => Path.Combine(Folder, "wcs-lifecycle");

    /// <summary>The lifecycle hooks in order: file name, method and body.</summary>
    public static IReadOnlyList<(string File, string Method, JsonObject Body)> Lifecycle()
    {
        if (!Directory.Exists(LifecycleFolder))
            throw new DirectoryNotFoundException($"{LifecycleFolder} is missing: the test project copies the repository's fixtures/ folder there on build.");
        return Directory.GetFiles(LifecycleFolder, "*.json").Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var doc = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
                return (Path.GetFileName(path), doc["method"]!.GetValue<string>(), doc["body"]!.AsObject());
            })
            .ToList();
    }

    public static JsonObject Body(string fileName) =>
        Lifecycle().Single(h => h.File == fileName).Body.DeepClone().AsObject();
}
