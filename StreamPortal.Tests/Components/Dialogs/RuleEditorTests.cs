using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamPortal.Components.Dialogs;
using StreamPortal.Rules;

namespace StreamPortal.Tests.Components.Dialogs;

public sealed class RuleEditorTests : RulesUiContext
{
    private IRenderedComponent<RuleEditor> RenderEditor(RuleForm form, Action<RuleView>? saved = null) =>
        Render<RuleEditor>(p => p
            .Add(e => e.Form, form)
            .Add(e => e.CanEdit, true)
            .Add(e => e.OnSaved, (RuleView v) => saved?.Invoke(v)));

    [Fact]
    public async Task Save_shows_a_message_for_every_invalid_input_and_creates_nothing()
    {
        var form = new RuleForm
        {
            Name = "bad",
            Status = "700",
            Probability = "1.5",
            EveryNth = "x",
            Fields = [new RuleForm.FieldRow { Path = "custom.login", Op = FieldOps.Regex, Value = "([" }],
        };
        var cut = RenderEditor(form);
        cut.Find("[data-testid=save]").Click();
        cut.WaitForAssertion(() =>
        {
            var keys = cut.FindAll("[data-error-key]").Select(e => e.GetAttribute("data-error-key")).ToHashSet();
            Assert.Equal(new HashSet<string?> { "answer.status", "limits.probability", "limits.everyNth", "match.fields[0].value" }, keys);
        });
        Assert.Contains("The status 700 is not from 200 to 599.", cut.Markup);
        Assert.Contains("Not a valid regular expression", cut.Markup);
        Assert.Empty(await Rules.ListAsync(null, CancellationToken.None));
    }

    /// <summary>The form checks with the limits in force, not the defaults: a configured larger body limit is honoured.</summary>
    [Fact]
    public void A_configured_body_limit_applies_in_the_editor_too()
    {
        Services.GetRequiredService<IOptions<RuleOptions>>().Value.MaxAnswerBodyBytes = 200_000;
        RuleView? saved = null;
        var form = new RuleForm { Name = "big", Status = "500", BodyMode = BodyModes.Custom, BodyJson = $$"""{"pad":"{{new string('x', 100_000)}}"}""" };
        var cut = RenderEditor(form, v => saved = v);
        cut.Find("[data-testid=save]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(saved));
    }

    [Fact]
    public void Typing_a_status_shows_the_error_under_the_field_once_saved()
    {
        var cut = RenderEditor(new RuleForm { Name = "n" });
        Input(cut, "status").Input("abc");
        cut.Find("[data-testid=save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("'abc' is not a whole number.", cut.Markup));
        Input(cut, "status").Input("503");
        cut.Find("[data-testid=save]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=editor-errors]")));
    }

    /// <summary>What the methods multi-select reports when the user picks these (the browser tests click it for real).</summary>
    private static void SelectMethods(IRenderedComponent<RuleEditor> cut, params string[] methods)
    {
        var select = cut.FindComponents<MudBlazor.MudSelect<string>>().First(s => s.Instance.Label == "Methods");
        cut.InvokeAsync(() => select.Instance.SelectedValuesChanged.InvokeAsync(methods)).GetAwaiter().GetResult();
    }

    [Fact]
    public void Methods_are_picked_from_the_catalogue_and_an_unknown_stored_method_stays_listed()
    {
        var form = new RuleForm { Name = "m", Methods = "futureHook" };
        var cut = RenderEditor(form);
        Assert.Contains(cut.FindAll("input"), i => i.GetAttribute("value") == "futureHook");
        SelectMethods(cut, "futureHook", "connect", "publishStream");
        Assert.Equal("connect, publishStream, futureHook", form.Methods);
        Assert.Equal(["connect", "publishStream", "futureHook"], form.ToInput().Rule.Match?.Methods);
    }

    [Fact]
    public void Predicted_effect_follows_the_inputs()
    {
        var cut = RenderEditor(new RuleForm { Name = "p", Methods = "publishStream", Status = "403" });
        Assert.Contains("403 to publishStream with restOnError LOG: WCS logs it and publishes anyway", cut.Find("[data-testid=predicted-effect]").TextContent);

        SelectMethods(cut, "connect");
        cut.WaitForAssertion(() => Assert.Contains("any non-200 to connect: the connection is refused", cut.Find("[data-testid=predicted-effect]").TextContent));

        SelectMethods(cut, "StreamStatusEvent");
        Input(cut, "status").Input("500");
        cut.WaitForAssertion(() => Assert.Contains("500 to StreamStatusEvent with restOnError LOG: WCS ignores it", cut.Find("[data-testid=predicted-effect]").TextContent));
    }

    [Fact]
    public async Task Predicted_effect_uses_the_apps_connect_policy()
    {
        await Policies.PutAsync("default", new ConnectPolicyInput
        {
            RestClientConfig = new() { ["StreamStatusEvent"] = new MethodPolicy { RestOnError = "FAIL" } },
        }, CancellationToken.None);
        var cut = RenderEditor(new RuleForm { Name = "p", Methods = "StreamStatusEvent", Status = "500" });
        Assert.Contains("500 to StreamStatusEvent with restOnError FAIL: the client gets an ErrorEvent", cut.Find("[data-testid=predicted-effect]").TextContent);
    }

    [Fact]
    public void A_delay_above_fifteen_seconds_warns()
    {
        var cut = RenderEditor(new RuleForm { Name = "slow", Status = "200" });
        Assert.Empty(cut.FindAll("[data-testid=delay-warning]"));
        Input(cut, "delayMs").Input("16000");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=delay-warning]")));
        Assert.Contains(EffectPredictor.TimeoutFlag, cut.Find("[data-testid=delay-warning]").TextContent);
        var effect = cut.Find("[data-testid=predicted-effect]").TextContent;
        Assert.Contains(EffectPredictor.TimeoutFlag, effect);
        Assert.Contains("On timeout, connect: the client is refused", effect);
    }

    [Fact]
    public async Task The_warning_follows_the_WCS_timeout_set_in_Settings()
    {
        await Services.GetRequiredService<StreamPortal.WcsApi.WcsTimings>().SaveAsync(new(5, 30), CancellationToken.None);
        var cut = RenderEditor(new RuleForm { Name = "slow", Status = "200" });
        Input(cut, "delayMs").Input("4999");
        cut.WaitForAssertion(() => Assert.Contains("WCS waits 4999 ms", cut.Find("[data-testid=predicted-effect]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=delay-warning]"));
        Input(cut, "delayMs").Input("5000");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=delay-warning]")));
        Assert.Contains("(5 s", cut.Find("[data-testid=predicted-effect]").TextContent);
    }

    [Fact]
    public async Task A_valid_rule_is_saved_and_reported()
    {
        RuleView? saved = null;
        var cut = RenderEditor(new RuleForm { Name = "vip", Methods = "publishStream", StreamName = "vip-*", Status = "403", MaxHits = "3" }, v => saved = v);
        cut.Find("[data-testid=save]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(saved));
        var stored = Assert.Single(await Rules.ListAsync(null, CancellationToken.None));
        Assert.Equal("vip-*", stored.Match.StreamName);
        Assert.Equal(3, stored.Limits.MaxHits);
        Assert.Equal(403, Engine.Rules.Single().Status);
    }
}
