using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StreamPortal.Anomalies;
using StreamPortal.Components.Model;
using StreamPortal.Components.Pages;
using StreamPortal.Data.Entities;
using StreamPortal.Tests.Shared;
using AnomaliesPage = StreamPortal.Components.Pages.Anomalies.Anomalies;
using SettingsPage = StreamPortal.Components.Pages.Settings.Settings;

namespace StreamPortal.Tests.Anomalies;

/// <summary>The Anomalies page (bUnit over the app's services and a temp database), its dashboard link and its settings.</summary>
public sealed class AnomaliesPageTests : ConsoleBunitContext
{
    private static Anomaly Stored(string kind, string subjectType, string subject, bool open, string ids) => new()
    {
        Kind = kind, SubjectType = subjectType, Subject = subject, DetectedAtMs = 1_000, LastEvidenceMs = 1_000,
        ResolvedAtMs = open ? null : 2_000, Detail = $"{kind} of {subject}", EventIds = ids,
    };

    private static IReadOnlyList<string> Kinds(IRenderedComponent<AnomaliesPage> cut) =>
        cut.FindAll("tr[data-anomaly-id]").Select(r => r.GetAttribute("data-kind")!).ToList();

    [Fact]
    public async Task Lists_anomalies_with_links_to_their_subject_and_proving_hooks()
    {
        await AddAsync(
            Stored(AnomalyKind.StaleStream, AnomalySubject.Stream, "m1", open: true, "7"),
            Stored(AnomalyKind.SilentNode, AnomalySubject.Node, "hash@10.0.0.1", open: true, "8"),
            Stored(AnomalyKind.LateHook, AnomalySubject.Session, "s1", open: false, "3,9"));
        var cut = Render<AnomaliesPage>();
        cut.WaitForAssertion(() => Assert.Equal([AnomalyKind.LateHook, AnomalyKind.SilentNode, AnomalyKind.StaleStream], Kinds(cut)));

        var stale = cut.Find($"tr[data-kind={AnomalyKind.StaleStream}]");
        Assert.Contains(stale.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/streams/m1");
        Assert.Equal("/events?event=7", stale.QuerySelector("[data-testid=anomaly-events] a")!.GetAttribute("href"));
        Assert.Contains("open", stale.QuerySelector("[data-testid=anomaly-resolved]")!.TextContent);
        var node = cut.Find($"tr[data-kind={AnomalyKind.SilentNode}]");
        Assert.Contains(node.QuerySelectorAll("a"), a => a.GetAttribute("href") == ConsoleUrls.Streams(new StreamsState { NodeId = "hash@10.0.0.1" }));
        var late = cut.Find($"tr[data-kind={AnomalyKind.LateHook}]");
        Assert.Contains(late.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/sessions/s1");
        Assert.Equal(2, late.QuerySelectorAll("[data-testid=anomaly-events] a").Length);
        Assert.DoesNotContain("open", late.QuerySelector("[data-testid=anomaly-resolved]")!.TextContent);
    }

    [Fact]
    public async Task The_url_filters_by_kind_and_state()
    {
        await AddAsync(
            Stored(AnomalyKind.LateHook, AnomalySubject.Stream, "m1", open: true, "1"),
            Stored(AnomalyKind.LateHook, AnomalySubject.Stream, "m2", open: false, "2"),
            Stored(AnomalyKind.OrphanPlayer, AnomalySubject.Stream, "m3", open: true, "3"));
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo("/anomalies?kind=lateHook&open=true");
        var cut = Render<AnomaliesPage>();
        cut.WaitForAssertion(() => Assert.Equal(["m1"], cut.FindAll("tr[data-anomaly-id] span.short-id").Select(e => e.GetAttribute("title")!)));
        Assert.Contains("1 matching", cut.Find("[data-testid=anomalies-total]").TextContent);
    }

    [Fact]
    public async Task A_stored_change_reaches_the_open_page()
    {
        var cut = Render<AnomaliesPage>();
        cut.WaitForAssertion(() => Assert.Contains("No anomalies match", cut.Markup));
        await AddAsync(Stored(AnomalyKind.SilentSession, AnomalySubject.Session, "s9", open: true, "5"));
        Services.GetRequiredService<AnomalyFeed>().Publish();
        cut.WaitForAssertion(() => Assert.Equal([AnomalyKind.SilentSession], Kinds(cut)), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task The_dashboard_links_to_the_open_anomalies_of_each_kind_with_their_count()
    {
        await AddAsync(
            Stored(AnomalyKind.LateHook, AnomalySubject.Stream, "m1", open: true, "1"),
            Stored(AnomalyKind.LateHook, AnomalySubject.Stream, "m2", open: true, "2"),
            Stored(AnomalyKind.LateHook, AnomalySubject.Stream, "m3", open: false, "3"));
        var cut = Render<Dashboard>();
        cut.WaitForAssertion(() => Assert.Contains("Late hook: 2", cut.Find($"[data-testid=anomalies-{AnomalyKind.LateHook}]").TextContent));
        Assert.Equal("/anomalies?kind=lateHook&open=true", cut.Find($"[data-testid=anomalies-{AnomalyKind.LateHook}]").GetAttribute("href"));
        Assert.Contains("Silent node: 0", cut.Find($"[data-testid=anomalies-{AnomalyKind.SilentNode}]").TextContent);
    }

    [Fact]
    public async Task An_admin_changes_the_thresholds_on_the_settings_page_and_a_bad_value_is_refused()
    {
        var cut = Render<SettingsPage>();
        cut.WaitForAssertion(() => Assert.Equal("120", cut.Find("[data-testid=anomaly-stale-stream]").GetAttribute("value")));
        cut.Find("[data-testid=anomaly-stale-stream]").Change("300");
        cut.Find("[data-testid=anomaly-silent-session]").Change("60");
        cut.Find("[data-testid=anomaly-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Saved.", cut.Find("[data-testid=anomaly-message]").TextContent.Trim()));
        var settings = Services.GetRequiredService<AnomalySettings>();
        Assert.Equal(new AnomalyThresholds(300, 60, 120), await settings.GetAsync(default));
        Assert.NotNull(await settings.SaveAsync(new AnomalyThresholds(1, 60, 120), default));
        Assert.Equal(300, (await settings.GetAsync(default)).StaleStreamSeconds);
    }
}
