using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using StreamPortal.Auth;
using StreamPortal.Data.Queries;
using StreamPortal.Simulator;

namespace StreamPortal.Api;

/// <summary>The body of POST /api/simulations; omitted members take the simulator's defaults.</summary>
public sealed record SimulationRequest(
    [property: Description("Hook base URL (http or https); hooks go to {url}/{method}. Default: this portal's own /rest/sim.")] string? Url = null,
    [property: Description("Publishing client sessions, 1-500.")] int? Sessions = null,
    [property: Description("Streams each publishing session publishes, 1-10.")] int? PublishersPerSession = null,
    [property: Description("Players per published stream (each its own session), 0-20.")] int? PlayersPerStream = null,
    [property: Description("Hooks per second, 1-2000.")] int? Rate = null,
    [property: Description("Seconds streams stay live (keep-alives every 5 s), 0-3600.")] int? DurationSeconds = null,
    [property: Description("Share of streams that fail and of clients that drop, 0-1.")] double? FailShare = null,
    [property: Description("Seed of the plan (same seed, same sessions, names and faults); random when omitted.")] int? Seed = null)
{
    public SimulationOptions ToOptions(string? defaultUrl)
    {
        var defaults = new SimulationOptions();
        return new SimulationOptions
        {
            Url = Url ?? defaultUrl ?? "",
            Sessions = Sessions ?? defaults.Sessions,
            PublishersPerSession = PublishersPerSession ?? defaults.PublishersPerSession,
            PlayersPerStream = PlayersPerStream ?? defaults.PlayersPerStream,
            Rate = Rate ?? defaults.Rate,
            DurationSeconds = DurationSeconds ?? defaults.DurationSeconds,
            FailShare = FailShare ?? defaults.FailShare,
            Seed = Seed ?? Random.Shared.Next(),
        };
    }
}

public static class SimulationsApi
{
    /// <summary>
    /// /api/simulations: start, watch and stop WCS traffic simulations. Admins only, for every verb: a run sends
    /// traffic to the URL it is given (any http/https URL: an admin can point it anywhere the portal can reach,
    /// which is the SSRF risk this accepts; see docs/simulator.md).
    /// </summary>
    public static RouteGroupBuilder MapSimulationsApi(this RouteGroupBuilder api)
    {
        var simulations = api.MapGroup("/simulations").WithTags("Simulations").RequireAuthorization(PortalRoles.CanEdit);
        simulations.MapPost("/", StartAsync);
        simulations.MapGet("/", (SimulationRuns runs) =>
        {
            var items = runs.List().Select(r => r.View()).ToList();
            return TypedResults.Ok(new PagedResult<SimulationView>(items, items.Count));
        });
        simulations.MapGet("/{id}", Get);
        simulations.MapDelete("/{id}", StopAsync);
        return api;
    }

    public static async Task<Results<Accepted<SimulationView>, ValidationProblem, ProblemHttpResult>> StartAsync(
        HttpRequest request, SimulationRuns runs, SelfHookUrl self, CancellationToken ct)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<SimulationRequest>(request, ct);
        if (problem is not null) return problem;
        var options = body!.ToOptions(self.Get());
        if (options.Validate() is { Count: > 0 } errors) return JsonRequestBody.Invalid(errors);
        if (runs.Start(options) is not { } run)
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many simulations running",
                detail: $"At most {SimulationRuns.MaxRunning} simulations run at once; stop one (DELETE /api/simulations/{{id}}) or wait.");
        return TypedResults.Accepted($"/api/simulations/{run.Id}", run.View());
    }

    public static Results<Ok<SimulationView>, ProblemHttpResult> Get(string id, SimulationRuns runs) =>
        runs.Get(id) is { } run ? TypedResults.Ok(run.View()) : NotFound(id);

    /// <summary>Stops the run and answers its state once it has ended (a run ends within its current hook).</summary>
    public static async Task<Results<Ok<SimulationView>, ProblemHttpResult>> StopAsync(string id, SimulationRuns runs, CancellationToken ct)
    {
        if (runs.Get(id) is not { } run) return NotFound(id);
        run.Stop();
        try
        {
            await run.Completion.WaitAsync(TimeSpan.FromSeconds(20), ct);
        }
        catch (TimeoutException)
        {
            // Still ending (a hook waiting out its 15 s timeout): the view says running, a later GET says stopped.
        }
        return TypedResults.Ok(run.View());
    }

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: 404, title: "Simulation not found", detail: $"No simulation has id '{id}' (runs are kept in memory, at most {SimulationRuns.MaxKept}).");
}
