using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Anomalies;
using StreamPortal.Data;
using StreamPortal.Data.Entities;
using StreamPortal.Api;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Anomalies;

/// <summary>GET /api/anomalies: the contract's item shape, its filters and paging, and 400 problem JSON for bad filters.</summary>
public sealed class AnomaliesApiTests : PortalTest
{
    private HttpClient _api = default!;

    public override async Task InitializeAsync()
    {
        _api = Factory.CreateApiClient();
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Anomalies.AddRange(
            new Anomaly { Kind = AnomalyKind.StaleStream, SubjectType = AnomalySubject.Stream, Subject = "m1", DetectedAtMs = 1_000, LastEvidenceMs = 1_000, Detail = "stale", EventIds = "4" },
            new Anomaly { Kind = AnomalyKind.LateHook, SubjectType = AnomalySubject.Session, Subject = "s1", DetectedAtMs = 2_000, ResolvedAtMs = 3_000, LastEvidenceMs = 2_000, Detail = "late", EventIds = "5,9" },
            new Anomaly { Kind = AnomalyKind.LateHook, SubjectType = AnomalySubject.Stream, Subject = "m2", DetectedAtMs = 4_000, LastEvidenceMs = 4_000, Detail = "late too", EventIds = "12,13" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Lists_newest_first_with_the_contract_fields()
    {
        var page = await _api.GetObjectAsync("/api/anomalies");
        Assert.Equal(3, page["total"]!.GetValue<int>());
        var items = page["items"]!.AsArray();
        Assert.Equal(["m2", "s1", "m1"], items.Select(i => i!["subject"]!.GetValue<string>()));
        var late = items[1]!.AsObject();
        Assert.Equal(AnomalyKind.LateHook, late["kind"]!.GetValue<string>());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(2_000), late["detectedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(3_000), late["resolvedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("late", late["detail"]!.GetValue<string>());
        Assert.Equal([5L, 9L], late["eventIds"]!.AsArray().Select(i => i!.GetValue<long>()));
        Assert.True(late.ContainsKey("id"));
        Assert.Null(items[0]!["resolvedAt"]);
    }

    [Theory]
    [InlineData("?kind=lateHook", new[] { "m2", "s1" })]
    [InlineData("?kind=LATEHOOK&open=true", new[] { "m2" })]
    [InlineData("?open=false", new[] { "s1" })]
    [InlineData("?subject=m1", new[] { "m1" })]
    [InlineData("?kind=silentNode", new string[0])]
    [InlineData("?pageSize=1&page=2", new[] { "s1" })]
    public async Task Filters_and_pages(string query, string[] subjects)
    {
        var items = await _api.GetItemsAsync("/api/anomalies" + query);
        Assert.Equal(subjects, items.Select(i => i!["subject"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("?kind=bogus", "kind")]
    [InlineData("?open=maybe", "open")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=501", "pageSize")]
    public async Task Bad_filters_get_400_problem_json_naming_the_field(string query, string field)
    {
        var response = await _api.GetAsync("/api/anomalies" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task An_oversized_subject_is_refused()
    {
        var response = await _api.GetAsync("/api/anomalies?subject=" + new string('x', AnomalyListRequest.MaxSubjectLength + 1));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_refused()
    {
        var response = await Factory.CreateClient().GetAsync("/api/anomalies");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
