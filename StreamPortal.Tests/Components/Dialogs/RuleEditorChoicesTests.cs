using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StreamPortal.Components.Dialogs;
using StreamPortal.Data.Entities;
using StreamPortal.Rules;
using StreamPortal.Tests.Shared;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Dialogs;

/// <summary>The editor's choices that replace typing: "active for", the exact end, suggestions, the dry run's window.</summary>
public sealed class RuleEditorChoicesTests : RulesUiContext
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public RuleEditorChoicesTests() : base(time: new FakeTimeProvider(Now)) { }

    private IRenderedComponent<RuleEditor> RenderEditor(RuleForm form, Action<RuleView>? saved = null) =>
        Render<RuleEditor>(p => p
            .Add(e => e.Form, form)
            .Add(e => e.CanEdit, true)
            .Add(e => e.OnSaved, (RuleView v) => saved?.Invoke(v)));

    [Fact]
    public void Active_for_10_min_ends_the_rule_ten_minutes_from_the_app_clock_and_until_off_clears_it()
    {
        var form = new RuleForm { Name = "short" };
        var cut = RenderEditor(form);
        Assert.Equal("true", cut.Find("[data-testid=active-for-off]").GetAttribute("aria-pressed"));
        Assert.Contains("Active until switched off.", cut.Find("[data-testid=active-until-text]").TextContent);

        cut.Find("[data-testid=active-for-10m]").Click();
        Assert.Equal(Now.AddMinutes(10), DateTimeOffset.Parse(form.ActiveUntil, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("true", cut.Find("[data-testid=active-for-10m]").GetAttribute("aria-pressed"));
        Assert.Contains("Active until 2026-11-30 12:10:00 UTC (10 min from now)", cut.Find("[data-testid=active-until-text]").TextContent);
        // The picker shows the same end, in the format the browser's datetime-local input takes.
        Assert.Equal("2026-11-30T12:10", Input(cut, "activeUntil").GetAttribute("value"));

        cut.Find("[data-testid=active-for-1h]").Click();
        Assert.Equal(Now.AddHours(1), form.ToInput().Rule.Limits!.ActiveUntil);
        cut.Find("[data-testid=active-for-off]").Click();
        Assert.Equal("", form.ActiveUntil);
        Assert.Null(form.ToInput().Rule.Limits!.ActiveUntil);
    }

    [Fact]
    public void An_exact_end_picked_in_the_date_time_input_is_saved_as_UTC()
    {
        RuleView? saved = null;
        var form = new RuleForm { Name = "until evening" };
        var cut = RenderEditor(form, v => saved = v);
        Assert.Equal("datetime-local", Input(cut, "activeUntil").GetAttribute("type"));
        Input(cut, "activeUntil").Change("2026-11-30T18:30");
        cut.WaitForAssertion(() => Assert.Contains("Active until 2026-11-30 18:30:00 UTC", cut.Find("[data-testid=active-until-text]").TextContent));
        cut.Find("[data-testid=save]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 18, 30, 0, TimeSpan.Zero), saved!.Limits.ActiveUntil);
    }

    [Fact]
    public void A_loaded_end_that_has_passed_says_so()
    {
        var cut = RenderEditor(new RuleForm { Name = "old", ActiveUntil = "2026-11-30T11:00:00Z" });
        Assert.Contains("Ended at 2026-11-30 11:00:00 UTC", cut.Find("[data-testid=active-until-text]").TextContent);
    }

    [Fact]
    public async Task AppKeys_and_stream_names_seen_in_traffic_are_suggested()
    {
        var s1 = Session("s1", SessionStatus.Established);
        s1.AppKey = "studio-app";
        var s2 = Session("s2", SessionStatus.Established);
        s2.AppKey = "webinar-app";
        await AddAsync(s1, s2, Stream("m1", "vip-lobby", StreamStatus.Publishing), Stream("m2", "free-room", StreamStatus.Publishing));
        var suggestions = Services.GetRequiredService<RuleSuggestions>();
        Assert.Equal(["studio-app"], await suggestions.AppKeysAsync("stud", default));
        Assert.Equal(["vip-lobby"], await suggestions.StreamNamesAsync("vip-*", default));
        Assert.Equal(["free-room", "vip-lobby"], await suggestions.StreamNamesAsync("", default));
        // The field itself is checked in a browser (RuleActiveForBrowserTests): MudAutocomplete's list is a popover.
    }

    [Fact]
    public async Task The_dry_run_looks_at_the_chosen_window_and_leaves_keep_alives_out_by_default()
    {
        var nowMs = Now.ToUnixTimeMilliseconds();
        HookEvent Body(string method, string name, long ageMinutes)
        {
            var e = Hook(method, name);
            e.Body = HookClient.StreamHook(Guid.NewGuid().ToString(), "s1", name, StreamStatus.Publishing).ToJsonString();
            e.ReceivedAtMs = nowMs - ageMinutes * 60_000;
            return e;
        }
        await AddEventsAsync(Body(WcsMethod.PublishStream, "vip-old", 180), Body(KeepAlive.Method, "vip-a", 5), Body(WcsMethod.PublishStream, "vip-a", 4));

        var cut = RenderEditor(new RuleForm { Name = "vip", StreamName = "vip-*" });
        cut.Find("[data-testid=dry-run]").Click();
        cut.WaitForAssertion(() => Assert.Contains("1 of 1 stored events since 2026-11-30 11:00 UTC would have matched (keep-alives left out)",
            cut.Find("[data-testid=dry-run-result]").TextContent));

        // Keep-alives in, over everything stored.
        Input(cut, "dry-run-keepalives").Change(true);
        var dry = Services.GetRequiredService<RuleDryRun>();
        var all = await dry.RunAsync(new DryRunRequest(new RuleForm { Name = "vip", StreamName = "vip-*" }.ToInput().Rule, 100, null, null, true), default);
        Assert.Equal(3, all.Value!.Count);
        cut.Find("[data-testid=dry-run]").Click();
        cut.WaitForAssertion(() => Assert.Contains("2 of 2 stored events since", cut.Find("[data-testid=dry-run-result]").TextContent));
        Assert.DoesNotContain("keep-alives left out", cut.Find("[data-testid=dry-run-result]").TextContent);
    }

    [Fact]
    public async Task A_window_that_ends_before_it_starts_is_refused()
    {
        var result = await Services.GetRequiredService<RuleDryRun>().RunAsync(
            new DryRunRequest(new RuleForm { Name = "x" }.ToInput().Rule, 10, Now, Now.AddMinutes(-1)), default);
        Assert.Equal(["from must be before to."], result.Errors!["from"]);
    }
}
