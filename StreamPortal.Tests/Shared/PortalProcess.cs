using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// The app's own build output (StreamPortal/bin/{the tests' configuration}/net10.0) run as a process of its own on a
/// free 127.0.0.1 port over a test database (a SQLite file or a PostgreSQL database): what `dotnet StreamPortal.dll` from bin does, for tests that kill the
/// process or need the build output as users run it. Killed on dispose if still running.
/// </summary>
public sealed class PortalProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _output = new();

    private PortalProcess(Process process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
    }

    public Process Process { get; }
    public Uri BaseAddress { get; }

    /// <summary>The process's last output lines, for failure messages.</summary>
    public string RecentOutput => string.Join("\n", _output);

    public static PortalProcess Start(ITestDatabase database, string environment)
    {
        var output = BuildOutput();
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(output, "StreamPortal.dll"));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        foreach (var (key, value) in database.PortalSettings()) info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        info.Environment["StreamPortal__Admin__Password"] = PortalFactory.AdminPassword;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var portal = new PortalProcess(Process.Start(info)!, baseAddress);
        // Drained so that a full pipe never blocks the portal.
        portal.Process.OutputDataReceived += (_, e) => portal.Keep(e.Data);
        portal.Process.ErrorDataReceived += (_, e) => portal.Keep(e.Data);
        portal.Process.BeginOutputReadLine();
        portal.Process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>Kills the process (SIGKILL: no shutdown of any kind) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 30) _output.TryDequeue(out _);
    }

    /// <summary>StreamPortal/bin/{configuration}/{framework}: the output of the build the tests ran against.</summary>
    private static string BuildOutput()
    {
        var output = Repository.PortalBuildOutput();
        Assert.True(File.Exists(Path.Combine(output, "StreamPortal.dll")), $"no build output at {output}");
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
