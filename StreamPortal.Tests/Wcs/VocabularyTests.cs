using System.Reflection;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Wcs;

/// <summary>A WCS status or method name is written once, in Wcs/: the app's other sources use the constants.</summary>
public sealed class VocabularyTests
{
    private static IEnumerable<string> Words() =>
        new[] { typeof(StreamStatus), typeof(SessionStatus), typeof(WcsMethod) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct();

    [Fact]
    public void No_source_outside_Wcs_spells_a_status_or_method_name()
    {
        var app = Path.Combine(Repository.Root(), "StreamPortal");
        var offenders =
            from file in Directory.EnumerateFiles(app, "*.*", SearchOption.AllDirectories)
            where file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal)
            let relative = Path.GetRelativePath(app, file).Replace('\\', '/')
            where !relative.StartsWith("Wcs/", StringComparison.Ordinal) && !relative.StartsWith("Data/Migrations/", StringComparison.Ordinal)
                && !relative.StartsWith("bin/", StringComparison.Ordinal) && !relative.StartsWith("obj/", StringComparison.Ordinal)
            let text = File.ReadAllText(file)
            from word in Words()
            where text.Contains('"' + word + '"', StringComparison.Ordinal) || text.Contains('\'' + word + '\'', StringComparison.Ordinal)
            select $"{relative}: \"{word}\"";
        Assert.Empty(offenders);
    }
}
