using System.Net;
using System.Net.Http.Json;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.WcsApi;

/// <summary>The WCS timeout in force comes from configuration, can be changed from Settings (the API), and drives the rules' flag.</summary>
public sealed class WcsTimingsApiTests : PortalTest
{
    public override Task InitializeAsync()
    {
        Factory.Settings["StreamPortal:Wcs:RestTimeoutSeconds"] = "10";
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_rule_whose_delay_reaches_the_timeout_in_force_is_flagged_and_a_saved_timeout_replaces_the_configured_one()
    {
        var api = Factory.CreateApiClient();
        var timings = await api.GetObjectAsync("/api/wcs/timings");
        Assert.Equal(10, timings["restTimeoutSeconds"]!.GetValue<int>());
        Assert.Equal(30, timings["duplicateWindowSeconds"]!.GetValue<int>());

        var created = await api.PostAsJsonAsync("/api/rules", new
        {
            name = "slow publish",
            match = new { methods = new[] { "publishStream" } },
            answer = new { status = 200, delayMs = 12_000 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<long>();
        var effect = (await api.GetObjectAsync($"/api/rules/{id}"))["predictedEffect"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.Contains(effect, l => l.StartsWith(EffectPredictor.TimeoutFlag) && l.Contains("(10 s"));
        Assert.Contains(effect, l => l.StartsWith("On timeout, publishStream:"));

        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync("/api/wcs/timings", new { restTimeoutSeconds = 20, duplicateWindowSeconds = 10 })).StatusCode);
        effect = (await api.GetObjectAsync($"/api/rules/{id}"))["predictedEffect"]!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.DoesNotContain(effect, l => l.Contains(EffectPredictor.TimeoutFlag));
        Assert.Contains(effect, l => l.StartsWith("WCS waits 12000 ms"));

        var bad = await api.PutAsJsonAsync("/api/wcs/timings", new { restTimeoutSeconds = 0, duplicateWindowSeconds = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("WCS timeout", await bad.Content.ReadAsStringAsync());
        Assert.Equal(20, (await api.GetObjectAsync("/api/wcs/timings"))["restTimeoutSeconds"]!.GetValue<int>());
    }
}
