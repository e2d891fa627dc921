using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Auth;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Api;

/// <summary>/api/simulations: admin only, validated bodies, a run's progress and summary, and stopping it.</summary>
public sealed class SimulationsApiTests : PortalTest
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> WaitForStateAsync(HttpClient api, string id, string state)
    {
        JsonObject view = [];
        await LoopbackServer.WaitForAsync(() =>
        {
            view = api.GetObjectAsync($"/api/simulations/{id}").GetAwaiter().GetResult();
            return (string?)view["state"] == state;
        }, TimeSpan.FromSeconds(60), $"simulation {id} {state}");
        return view;
    }

    [Fact]
    public async Task A_run_to_the_portal_s_own_hook_endpoint_reports_progress_and_a_summary_matching_the_stored_events()
    {
        var baseAddress = Factory.StartOnLoopback();
        using var api = LoopbackServer.SocketClient(baseAddress, withApiKey: true);

        var response = await api.PostAsync("/api/simulations", Json("""{ "sessions": 3, "publishersPerSession": 1, "playersPerStream": 1, "rate": 500, "durationSeconds": 1, "failShare": 0, "seed": 5 }"""));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var id = (string)started["id"]!;
        Assert.Equal($"/api/simulations/{id}", response.Headers.Location!.OriginalString);
        Assert.EndsWith("/rest/sim", (string)started["options"]!["url"]!);
        Assert.StartsWith("http://127.0.0.1:", (string)started["options"]!["url"]!);

        var done = await WaitForStateAsync(api, id, "completed");
        Assert.Equal(1.0, (double)done["progress"]!);
        var summary = done["summary"]!;
        // 6 clients, each: connect, ESTABLISHED, DISCONNECTED and, for its stream, request, status, one keep-alive, stop, end.
        Assert.Equal(6 * (3 + 5), (int)summary["hooksSent"]!);
        Assert.Equal((int)summary["hooksSent"]!, (int)(await api.GetObjectAsync("/api/events?appKey=sim"))["total"]!);
        Assert.Equal(6, (int)summary["sessionsByOutcome"]!["completed"]!);
        Assert.Contains(await api.GetItemsAsync("/api/simulations"), r => (string?)r!["id"] == id);
    }

    [Fact]
    public async Task Deleting_a_running_simulation_stops_it()
    {
        var baseAddress = Factory.StartOnLoopback();
        using var api = LoopbackServer.SocketClient(baseAddress, withApiKey: true);
        var response = await api.PostAsync("/api/simulations", Json("""{ "sessions": 50, "rate": 20, "durationSeconds": 600 }"""));
        var id = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
        await WaitForStateAsync(api, id, "running");

        var stop = await api.DeleteAsync($"/api/simulations/{id}");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var view = JsonNode.Parse(await stop.Content.ReadAsStringAsync())!;
        Assert.Equal("stopped", (string?)view["state"]);
        Assert.True((double)view["progress"]! < 1);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync("/api/simulations/nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/simulations/nope")).StatusCode);
    }

    [Theory]
    [InlineData("""{ "url": "file:///etc/passwd" }""", "url")]
    [InlineData("""{ "url": "gopher://127.0.0.1:70/rest/sim" }""", "url")]
    [InlineData("""{ "sessions": 0 }""", "sessions")]
    [InlineData("""{ "sessions": 100000 }""", "sessions")]
    [InlineData("""{ "rate": 1000000 }""", "rate")]
    [InlineData("""{ "durationSeconds": -1 }""", "durationSeconds")]
    [InlineData("""{ "failShare": 2 }""", "failShare")]
    [InlineData("""{ "sessions": "many" }""", "sessions")]
    [InlineData("""[1]""", "$")]
    public async Task A_bad_body_is_answered_with_problem_JSON_naming_the_field(string body, string field)
    {
        var api = Factory.CreateApiClient();
        var response = await api.PostAsync("/api/simulations", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), errors.ToJsonString());
        Assert.Empty(await api.GetItemsAsync("/api/simulations"));
    }

    [Fact]
    public async Task A_viewer_can_neither_start_nor_list_simulations()
    {
        _ = Factory.CreateClient();
        using (var scope = Factory.Services.CreateScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync("watcher", "Viewer-Password-1", PortalRoles.Viewer, CancellationToken.None));
        var viewer = Factory.CreateClient(new() { AllowAutoRedirect = false });
        await LoginForm.SignInAsync(viewer, "watcher", "Viewer-Password-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/simulations", new { sessions = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/simulations")).StatusCode);
    }
}
