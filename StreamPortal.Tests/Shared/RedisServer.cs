using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// A Redis server of the test's own: Debian's redis-server started on a free loopback port without persistence, so
/// that a test can stop and restart it (an outage) without touching other tests. Without redis-server the cluster
/// cases are skipped with the fix in the reason, unless <see cref="RequireVariable"/> is set (CI, see .ci/run), where
/// they fail. The same rule as <see cref="PostgresServer"/> and the browser tests.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string RequireVariable = "STREAMPORTAL_REQUIRE_REDIS";
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private Process? _process;

    private RedisServer(int port) => Port = port;

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true";

    public static string? Executable => Candidates.FirstOrDefault(File.Exists);

    public static string MissingReason =>
        "No redis-server for the cluster tests: apt-get install -y redis-server (or run bash .ci/run).";

    /// <summary>Why a Redis case is skipped, or null when it runs (and then fails if redis-server is missing).</summary>
    public static string? SkipReason =>
        Executable is not null || Required ? null : $"{MissingReason} Set {RequireVariable}=1 to make this a failure.";

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string of this server (StreamPortal:Cluster:Redis).</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        if (IsRunning) return;
        var executable = Executable ?? throw new InvalidOperationException(
            (Required ? $"{RequireVariable} is set, so the cluster tests must run. " : "") + MissingReason);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes" })
            info.ArgumentList.Add(arg);
        _process = Process.Start(info)!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await AnswersAsync())
        {
            if (_process.HasExited) throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} on port {Port}.");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"redis-server did not answer on port {Port} within 10 s.");
            await Task.Delay(20);
        }
    }

    /// <summary>Kills the server (an outage as the clients see it: connections drop, nothing answers on the port).</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process) return;
        process.Kill();
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return read >= 5 && buffer.AsSpan(0, 5).SequenceEqual("+PONG"u8);
        }
        catch (SocketException) { return false; }
        catch (IOException) { return false; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
