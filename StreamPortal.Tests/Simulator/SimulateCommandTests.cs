using System.Diagnostics;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Simulator;

/// <summary>
/// `StreamPortal simulate ...` as users run it: the app's build output as a process of its own (no database, no web
/// server), posting to a portal on loopback; output is redirected, so it prints progress lines and the summary.
/// </summary>
public sealed class SimulateCommandTests : PortalTest
{
    [Fact]
    public async Task The_CLI_simulates_against_a_loopback_portal_prints_progress_and_the_summary_and_exits_0()
    {
        var baseAddress = Factory.StartOnLoopback();
        var (exit, output, error) = await RunAsync("simulate", "--url", new Uri(baseAddress, "/rest/sim").ToString(), "--sessions", "2",
            "--publishers-per-session", "1", "--players-per-stream", "1", "--rate", "200", "--duration", "1", "--fail-share", "0", "--seed", "3");

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        Assert.Contains("progress 100% (32/32 hooks)", output);
        Assert.Contains("Hooks by method", output);
        Assert.Matches(@"connect\s+4\b", output);
        Assert.Contains("Completed.", output);
        Assert.Equal(32, CountAll());

        long CountAll() => new[] { "connect", "ConnectionStatusEvent", "publishStream", "playStream", "StreamStatusEvent",
            "StreamKeepAliveEvent", "unPublishStream", "stopStream" }.Sum(m => Factory.CountEvents(m));
    }

    [Theory]
    [InlineData("--sessions", "0", "--sessions")]
    [InlineData("--fail-share", "1.5", "--fail-share")]
    [InlineData("--url", "ftp://example.test/rest/sim", "--url")]
    [InlineData("--sessions", "many", "many")]
    [InlineData("--no-such-option", "1", "--no-such-option")]
    public async Task Bad_arguments_print_a_clear_error_and_exit_non_zero(string option, string value, string named)
    {
        var (exit, _, error) = await RunAsync("simulate", option, value);
        Assert.NotEqual(0, exit);
        Assert.Contains(named, error);
        Assert.StartsWith("simulate: ", error);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.PortalBuildOutput(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(info.WorkingDirectory, "StreamPortal.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        return (process.ExitCode, await output, await error);
    }

}
