namespace StreamPortal.Tests.Shared;

/// <summary>The clone the tests were built from: its root (where StreamPortal.sln is) and the portal's build output.</summary>
public static class Repository
{
    /// <summary>The clone's root, found from the test's output folder upwards.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StreamPortal.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("StreamPortal.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>StreamPortal/bin/{configuration}/{framework}: the output of the build the tests ran against.</summary>
    public static string PortalBuildOutput()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root(), "StreamPortal", "bin", testBin.Parent!.Name, testBin.Name);
    }
}
