using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StreamPortal.Rules;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Pages.Rules;

/// <summary>/rules?id=N (the event drawer's "Matched rule" link), the link from a rule to its events, the per-app prediction.</summary>
public sealed class RuleLinkTests : RulesUiContext
{
    private IRenderedComponent<StreamPortal.Components.Pages.Rules.Rules> RenderAt(string url)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Render<StreamPortal.Components.Pages.Rules.Rules>();
    }

    [Fact]
    public async Task Rules_with_an_id_opens_that_rule_in_the_editor()
    {
        await AddRuleAsync("other", 500);
        var wanted = await AddRuleAsync("wanted", 403, [WcsMethod.PublishStream]);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderAt($"/rules?id={wanted.Id}");
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll("[data-testid=rule-editor]")));
        var name = dialogs.Find("[data-testid=name]");
        Assert.Equal("wanted", (name.TagName == "INPUT" ? name : name.QuerySelector("input")!).GetAttribute("value"));
        Assert.Contains("rule-row-linked", cut.Find($"[data-rule-id='{wanted.Id}']").ClassName);
        Assert.Equal($"/events?ruleId={wanted.Id}", dialogs.Find("[data-testid=rule-events-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task Rules_with_an_unknown_id_says_the_rule_is_gone()
    {
        await AddRuleAsync("kept");
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderAt("/rules?id=987654");
        cut.WaitForAssertion(() => Assert.Contains("There is no rule 987654", cut.Find("[data-testid=rule-missing]").TextContent));
        Assert.Empty(dialogs.FindAll("[data-testid=rule-editor]"));
    }

    [Fact]
    public async Task Each_rule_links_to_the_events_it_answered()
    {
        var rule = await AddRuleAsync("linked");
        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Equal($"/events?ruleId={rule.Id}", cut.Find("[data-testid=rule-events]").GetAttribute("href")));
    }

    /// <summary>
    /// The case: a rule made through the API names no appKey, every app has a FAIL policy of its own, and the
    /// prediction read "restOnError LOG (none is set yet)". It now predicts per app, and counts what live sessions got.
    /// </summary>
    [Fact]
    public async Task A_rule_without_an_appKey_is_predicted_from_each_apps_policy_with_live_session_counts()
    {
        foreach (var app in new[] { "app-a", "app-b" })
            await Policies.PutAsync(app, new ConnectPolicyInput { RestClientConfig = new() { [WcsMethod.PublishStream] = new MethodPolicy { RestOnError = "FAIL" } } }, default);
        var failing = Session("live-1", SessionStatus.Established);
        failing.AppKey = "app-a";
        failing.RestClientConfig = """{"publishStream":{"restOnError":"FAIL"}}""";
        var logging = Session("live-2", SessionStatus.Established);
        logging.AppKey = "app-b";
        logging.RestClientConfig = "{}";
        await AddAsync(failing, logging, Session("gone", SessionStatus.Disconnected));

        var rule = await AddRuleAsync("api-made", 403, [WcsMethod.PublishStream]);
        Assert.DoesNotContain(rule.PredictedEffect, l => l.Contains("none is set yet"));
        Assert.Contains(rule.PredictedEffect, l => l.StartsWith("Apps app-a, app-b (own connect policies): 403 to publishStream with restOnError FAIL: the operation is aborted"));
        Assert.Contains(rule.PredictedEffect, l => l.StartsWith("Other apps (no connect policy: WCS defaults): 403 to publishStream with restOnError LOG"));

        var cut = Render<StreamPortal.Components.Pages.Rules.Rules>();
        cut.WaitForAssertion(() => Assert.Contains(
            "of 2 live sessions, 1 got restOnError FAIL for publishStream at connect and 1 LOG", cut.Find("[data-testid=rule-effect]").TextContent));
    }

    [Fact]
    public async Task A_rule_for_one_app_is_predicted_from_that_apps_policy_alone()
    {
        await Policies.PutAsync("app-a", new ConnectPolicyInput { RestClientConfig = new() { [WcsMethod.PublishStream] = new MethodPolicy { RestOnError = "FAIL" } } }, default);
        var effects = Services.GetRequiredService<RuleEffects>();
        var lines = effects.PredictDraft(new RuleInput
        {
            Name = "one", Match = new RuleMatchInput { Methods = [WcsMethod.PublishStream], AppKey = "app-a" }, Answer = new RuleAnswerInput { Status = 403 },
        }, null);
        Assert.Equal("403 to publishStream with restOnError FAIL: the operation is aborted and the client gets the error (the publish ends FAILED).", lines[0]);
    }
}
