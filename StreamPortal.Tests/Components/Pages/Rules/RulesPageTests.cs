using StreamPortal.Tests.Rules;
using Bunit;
using MudBlazor;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Pages.Rules;

public sealed class RulesPageTests : RulesUiContext
{
    private string[] Names(IRenderedComponent<StreamPortal.Components.Pages.Rules.Rules> cut) =>
        cut.FindAll("[data-testid=rule-name]").Select(e => e.TextContent.Trim()).ToArray();

    [Fact]
    public async Task Lists_rules_in_evaluation_order_with_their_predicted_effect()
    {
        await AddRuleAsync("first", 403, ["publishStream"]);
        await AddRuleAsync("second", 500, ["connect"]);
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Equal(["first", "second"], Names(cut)));
        var effects = cut.FindAll("[data-testid=rule-effect]");
        Assert.Contains("403 to publishStream with restOnError LOG: WCS logs it and publishes anyway", effects[0].TextContent);
        Assert.Contains("any non-200 to connect: the connection is refused", effects[1].TextContent);
    }

    [Fact]
    public async Task Moving_a_rule_down_changes_the_evaluation_order()
    {
        await AddRuleAsync("a", 500);
        await AddRuleAsync("b", 501);
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Equal(["a", "b"], Names(cut)));
        cut.FindAll("[data-testid=rule-down]")[0].Click();
        cut.WaitForAssertion(() => Assert.Equal(["b", "a"], Names(cut)));
        Assert.Equal(["b", "a"], Engine.Rules.Select(r => r.Name).ToArray());
        cut.FindAll("[data-testid=rule-up]")[1].Click();
        cut.WaitForAssertion(() => Assert.Equal(["a", "b"], Names(cut)));
    }

    [Fact]
    public async Task Toggling_enabled_disables_the_rule_in_the_engine()
    {
        var rule = await AddRuleAsync("toggle me");
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Single(Names(cut)));
        var toggle = cut.Find("[data-testid=rule-enabled] input, input[data-testid=rule-enabled]");
        toggle.Change(false);
        cut.WaitForAssertion(() => Assert.False(Engine.Rules.Single().Enabled));
        Assert.False((await Rules.GetAsync(rule.Id, null, CancellationToken.None))!.Enabled);
    }

    [Fact]
    public async Task Pass_through_switch_shows_its_warning_and_turns_the_engine_off()
    {
        await AddRuleAsync("any");
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        Assert.Empty(cut.FindAll("[data-testid=pass-through-on]"));
        cut.Find("[data-testid=pass-through] input, input[data-testid=pass-through]").Change(true);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=pass-through-on]")));
        Assert.True(PassThrough.IsOn);
        Assert.True(Engine.Decide(RuleTestKit.Hook("publishStream", RuleTestKit.Publish())).IsPlainMirror);
    }

    [Fact]
    public async Task Hit_counters_update_live_from_the_feed()
    {
        var rule = await AddRuleAsync("counted", 403, ["publishStream"]);
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=rule-hits]").TextContent.Trim()));

        var decision = Engine.Decide(RuleTestKit.Hook("publishStream", RuleTestKit.Publish()));
        Assert.Equal(rule.Id, decision.RuleId);
        var summary = new EventSummary(1, 0, "my_api", "publishStream", HookKind.DirectCall, "defaultApp", "s", "m", "vip-1",
            "PENDING", 403, rule.Id, rule.Name, 1, false, null);
        Services.GetService<HookFeed>()!.Publish(new CommittedBatch([summary], [], []));
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=rule-hits]").TextContent.Trim()), TimeSpan.FromSeconds(5));
    }
}

public sealed class RulesPageViewerTests() : RulesUiContext(admin: false)
{
    [Fact]
    public async Task A_viewer_sees_rules_but_no_edit_controls()
    {
        await AddRuleAsync("visible");
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=rule-row]")));
        Assert.Empty(cut.FindAll("[data-testid=new-rule]"));
        Assert.Empty(cut.FindAll("[data-testid=rule-down]"));
        Assert.Empty(cut.FindAll("[data-testid=rule-delete]"));
        cut.Find("[data-testid=rule-enabled] input, input[data-testid=rule-enabled]").Change(false);
        Assert.True(Engine.Rules.Single().Enabled);
    }
}

public sealed class RulesPageDialogTests : RulesUiContext
{
    [Fact]
    public async Task Delete_asks_for_confirmation_first()
    {
        await AddRuleAsync("doomed");
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=rule-row]")));

        cut.Find("[data-testid=rule-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete rule 'doomed'?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.Single(await Rules.ListAsync(null, CancellationToken.None));

        cut.Find("[data-testid=rule-delete]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete rule 'doomed'?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=no-rules]")));
        Assert.Empty(Engine.Rules);
    }

    [Fact]
    public void New_rule_opens_the_editor_and_saving_adds_the_rule_to_the_list()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.Find("[data-testid=new-rule]").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=rule-editor]")));
        var name = dialogs.Find("[data-testid=name]");
        (name.TagName == "INPUT" ? name : name.QuerySelector("input")!).Change("from the dialog");
        dialogs.Find("[data-testid=save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("from the dialog", cut.Find("[data-testid=rule-name]").TextContent.Trim()));
        Assert.Empty(dialogs.FindAll("[data-testid=rule-editor]"));
    }
}
