using System.CommandLine;
using Spectre.Console;

namespace StreamPortal.Simulator;

/// <summary>
/// <c>dotnet run --project StreamPortal -- simulate --url ... --sessions N ...</c>: one run of the simulator from the
/// command line, with a progress bar (a plain progress line when output is redirected) and the summary. No host and
/// no database. Exit codes: 0 completed, 1 bad arguments, 2 invalid values, 130 stopped (Ctrl+C).
/// </summary>
public static class SimulateCommand
{
    public const string DefaultUrl = "http://localhost:5022/rest/sim";
    public const int ExitCompleted = 0, ExitBadArguments = 1, ExitInvalid = 2, ExitStopped = 130;

    /// <param name="args">The command line from <c>simulate</c> on.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var defaults = new SimulationOptions();
        var url = new Option<string>("--url") { Description = "Hook base URL; hooks go to {url}/{method}.", DefaultValueFactory = _ => DefaultUrl };
        var sessions = new Option<int>("--sessions") { Description = $"Publishing client sessions (1-{SimulationOptions.MaxSessions}).", DefaultValueFactory = _ => defaults.Sessions };
        var publishers = new Option<int>("--publishers-per-session") { Description = $"Streams each session publishes (1-{SimulationOptions.MaxPublishersPerSession}).", DefaultValueFactory = _ => defaults.PublishersPerSession };
        var players = new Option<int>("--players-per-stream") { Description = $"Players per stream, each its own session (0-{SimulationOptions.MaxPlayersPerStream}).", DefaultValueFactory = _ => defaults.PlayersPerStream };
        var rate = new Option<int>("--rate") { Description = $"Hooks per second (1-{SimulationOptions.MaxRate}).", DefaultValueFactory = _ => defaults.Rate };
        var duration = new Option<int>("--duration") { Description = $"Seconds streams stay live (0-{SimulationOptions.MaxDurationSeconds}).", DefaultValueFactory = _ => defaults.DurationSeconds };
        var failShare = new Option<double>("--fail-share") { Description = "Share of streams that fail and of clients that drop (0-1).", DefaultValueFactory = _ => defaults.FailShare };
        var seed = new Option<int?>("--seed") { Description = "Seed of the plan (same seed, same run); random when omitted." };
        var command = new Command("simulate", "Simulates WCS REST hook traffic against a backend.") { url, sessions, publishers, players, rate, duration, failShare, seed };
        command.SetAction((parsed, token) => SimulateAsync(new SimulationOptions
        {
            Url = parsed.GetValue(url) ?? "",
            Sessions = parsed.GetValue(sessions),
            PublishersPerSession = parsed.GetValue(publishers),
            PlayersPerStream = parsed.GetValue(players),
            Rate = parsed.GetValue(rate),
            DurationSeconds = parsed.GetValue(duration),
            FailShare = parsed.GetValue(failShare),
            Seed = parsed.GetValue(seed) ?? Random.Shared.Next(),
        }, output, error, token));
        // Under a root command, so that help reads `StreamPortal simulate [options]`; args start with "simulate".
        var parseResult = new RootCommand("StreamPortal") { command }.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var problem in parseResult.Errors) await error.WriteLineAsync("simulate: " + problem.Message);
            await error.WriteLineAsync("Run `simulate --help` for the options.");
            return ExitBadArguments;
        }
        return await parseResult.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }

    private static async Task<int> SimulateAsync(SimulationOptions options, TextWriter output, TextWriter error, CancellationToken ct)
    {
        if (options.Validate() is { Count: > 0 } errors)
        {
            foreach (var (key, messages) in errors)
                foreach (var message in messages) await error.WriteLineAsync($"simulate: --{Kebab(key)}: {message}");
            return ExitInvalid;
        }
        await output.WriteLineAsync($"Simulating WCS against {options.Url} (seed {options.Seed}): {options.Sessions} sessions × "
            + $"{options.PublishersPerSession} streams × {options.PlayersPerStream} players, {options.Rate} hooks/s, {options.DurationSeconds} s live.");
        using var http = SimulationEngine.CreateHttpClient();
        var engine = new SimulationEngine(http, TimeProvider.System);
        var tally = new SimulationTally();
        var run = engine.RunAsync(options, tally, ct);
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        if (interactive) await ProgressBarAsync(run, tally);
        else await ProgressLinesAsync(run, tally, output);
        var stopped = false;
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            stopped = true;
        }
        await output.WriteAsync(SummaryText.Format(tally.Summary()));
        await output.WriteLineAsync(stopped ? "Stopped." : "Completed.");
        return stopped ? ExitStopped : ExitCompleted;
    }

    private static Task ProgressBarAsync(Task run, SimulationTally tally) =>
        AnsiConsole.Progress().AutoClear(false).StartAsync(async context =>
        {
            var bar = context.AddTask("hooks", maxValue: Math.Max(1, tally.Planned));
            while (!run.IsCompleted)
            {
                bar.MaxValue = Math.Max(1, tally.Planned);
                bar.Value = tally.Sent;
                await Task.WhenAny(run, Task.Delay(200));
            }
            bar.MaxValue = Math.Max(1, tally.Planned);
            bar.Value = bar.MaxValue;
        });

    /// <summary>Redirected output (a log, a test): a progress line a second instead of a redrawn bar.</summary>
    private static async Task ProgressLinesAsync(Task run, SimulationTally tally, TextWriter output)
    {
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(1000));
            await output.WriteLineAsync($"progress {tally.Progress * 100:0}% ({tally.Sent}/{tally.Planned} hooks)");
        }
    }

    private static string Kebab(string camel) =>
        camel == "durationSeconds" ? "duration" : string.Concat(camel.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));
}
